/**
 * Fake credentials for tests, assembled at run time so that no file holds a literal that secret
 * scanners would flag. Deterministic: the same seed gives the same strings.
 */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = `${ALNUM}+/`;

/** xorshift32 from a seed: enough for varied test data, and the same numbers for the same seed. */
export const xorshift32 = (seed: number): (() => number) => {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>>= 0);
  };
};

export class FakeSecrets {
  private readonly next: () => number;
  constructor(seed = 1) {
    this.next = xorshift32(seed);
  }

  chars(alphabet: string, length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.next() % alphabet.length];
    // Real keys hold digits; make sure every generated one does.
    return `${out.slice(0, -1)}7`;
  }

  anthropic = (): string => `sk-ant-api03-${this.chars(ALNUM, 80)}`;
  openai = (): string => `sk-${this.chars(ALNUM, 48)}`;
  openaiProject = (): string => `sk-proj-${this.chars(ALNUM, 64)}`;
  google = (): string => `AIza${this.chars(ALNUM, 35)}`;
  awsKeyId = (): string => `AKIA${this.chars(UPPER_DIGITS, 16)}`;
  awsSessionKeyId = (): string => `ASIA${this.chars(UPPER_DIGITS, 16)}`;
  awsSecret = (): string => this.chars(BASE64, 40);
  github = (): string => `${['ghp', 'gho', 'ghu', 'ghs', 'ghr'][this.next() % 5]}_${this.chars(ALNUM, 36)}`;
  githubPat = (): string => `github_pat_${this.chars(ALNUM, 22)}_${this.chars(ALNUM, 59)}`;
  gitlab = (): string => `glpat-${this.chars(ALNUM, 20)}`;
  slack = (): string => `xox${'abprs'[this.next() % 5]}-${this.chars('0123456789', 11)}-${this.chars('0123456789', 12)}-${this.chars(ALNUM, 24)}`;
  slackWebhook = (): string =>
    `https://hooks.slack.com/services/T${this.chars(UPPER_DIGITS, 8)}/B${this.chars(UPPER_DIGITS, 8)}/${this.chars(ALNUM, 24)}`;
  stripe = (): string => `${['sk_live_', 'rk_live_', 'sk_test_'][this.next() % 3]}${this.chars(ALNUM, 24)}`;
  npm = (): string => `npm_${this.chars(ALNUM, 36)}`;
  huggingFace = (): string => `hf_${this.chars(ALNUM, 34)}`;
  jwt = (): string => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${this.chars(ALNUM, 40)}.${this.chars(ALNUM, 43)}`;
  password = (): string => `Pw!${this.chars(ALNUM, 12)}`;
  pem = (): string =>
    `-----BEGIN RSA PRIVATE KEY-----\n${this.chars(BASE64, 64)}\n${this.chars(BASE64, 64)}\n-----END RSA PRIVATE KEY-----`;
}
