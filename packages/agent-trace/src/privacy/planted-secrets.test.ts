import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttrValue } from '@agent-trace/schema';
import { createRedactor } from './redactor.js';
import { FakeSecrets } from './test/fake-secrets.js';

/**
 * Hundreds of secrets planted in payloads shaped like what the pipeline sees (hook events, OTLP
 * requests, normalised attribute maps, transcript lines, JSON strings inside JSON strings), in
 * code, shell commands, .env files, YAML and prose. Not one may survive redactValue.
 */
const ROUNDS = 25;

interface Planted {
  payloads: AttrValue[];
  secrets: Array<[kind: string, value: string]>;
}

const plant = (): Planted => {
  const fake = new FakeSecrets(2024);
  const payloads: AttrValue[] = [];
  const secrets: Planted['secrets'] = [];
  const keep = (kind: string, value: string): string => {
    secrets.push([kind, value]);
    return value;
  };
  for (let round = 0; round < ROUNDS; round++) {
    const user = `user${round}`;
    const email = keep('email', `${user}.name+tag@example${round}.com`);
    const ssn = keep('ssn', `${String(100 + round).padStart(3, '0')}-${String(10 + round).padStart(2, '0')}-${String(1000 + round)}`);
    const card = keep('card', ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '6011111111111117'][round % 4] as string);
    const password = keep('password', fake.password());
    const dbPassword = keep('db password', fake.password().replace('!', 'x'));
    const anthropic = keep('anthropic', fake.anthropic());
    const openai = keep('openai', round % 2 ? fake.openai() : fake.openaiProject());
    const github = keep('github', round % 3 ? fake.github() : fake.githubPat());
    const awsId = keep('aws id', fake.awsKeyId());
    const awsSecret = keep('aws secret', fake.awsSecret());
    const jwt = keep('jwt', fake.jwt());
    const pemBody = fake.pem();
    keep('pem body', pemBody.split('\n')[1] as string);
    const stripe = keep('stripe', fake.stripe());
    const slack = keep('slack', fake.slack());
    const webhook = keep('slack webhook', fake.slackWebhook());
    const google = keep('google', fake.google());
    const gitlab = keep('gitlab', fake.gitlab());
    const npm = keep('npm', fake.npm());
    const hf = keep('hugging face', fake.huggingFace());
    const bearer = keep('bearer', `tok${round}_${fake.password().slice(3)}`);
    const cookie = keep('cookie', `sid=${fake.password().slice(3)}`);
    const sshPath = keep('ssh path', `/home/${user}/.ssh/id_ed25519`);
    const awsPath = keep('aws path', `/Users/${user}/.aws/credentials`);

    payloads.push({
      session_id: `s-${round}`,
      hook_event_name: 'PreToolUse',
      cwd: `/home/${user}/shop`,
      tool_name: 'Bash',
      tool_input: {
        command: `curl -s -H "Authorization: Bearer ${bearer}" -H 'Cookie: ${cookie}' https://api.example.com && cat ${sshPath}`,
        description: `deploy with ${anthropic}`,
      },
    });
    payloads.push({
      hook_event_name: 'PostToolUse',
      tool_name: 'Read',
      tool_input: { file_path: `/home/${user}/shop/.env.production` },
      tool_response: {
        type: 'text',
        file: {
          content: `OPENAI_API_KEY=${openai}\nDATABASE_URL=postgres://app:${dbPassword}@db.internal:5432/shop\nAWS_ACCESS_KEY_ID=${awsId}\nAWS_SECRET_ACCESS_KEY=${awsSecret}\n`,
          numLines: 4,
        },
      },
    });
    payloads.push({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'user.email', value: { stringValue: email } }] },
          scopeSpans: [
            {
              spans: [
                {
                  name: 'llm_call',
                  attributes: [
                    { key: 'db.password', value: { stringValue: password } },
                    { key: 'http.request.header.x-api-key', value: { stringValue: keep('api key header', `plainvalue${round}`) } },
                    { key: 'gen_ai.prompt', value: { stringValue: `my card is ${card} and ssn ${ssn}` } },
                    { key: 'gen_ai.usage.input_tokens', value: { intValue: 1000 + round } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    payloads.push({
      'content.prompt': `Use ${github} to push, the webhook is ${webhook} and mail ${email}`,
      'content.tool_result': `config:\n${pemBody}\nslack: ${slack}`,
      'content.tool_input': JSON.stringify({ command: `stripe login --api-key ${stripe}`, env: { HF_TOKEN: hf } }),
      'http.request.header.cookie': cookie,
      'gen_ai.usage.output_tokens': 12,
    });
    payloads.push({
      type: 'user',
      message: {
        content: [
          {
            type: 'tool_result',
            content: [
              {
                type: 'text',
                text: JSON.stringify({ inner: JSON.stringify({ token: `t-${round}-${password}`, note: `jwt ${jwt}`, key: google }) }),
              },
            ],
          },
        ],
      },
    });
    payloads.push({
      tool_name: 'Write',
      tool_input: {
        file_path: `/home/${user}/shop/settings.py`,
        content: `API_KEY = "${gitlab}"\nNPM = '${npm}'\nconfig = {"password": "${password}"}\n# logs at ${awsPath}\n`,
      },
      tool_response: `line 1\nline 2 {"aws_secret_access_key": "${awsSecret}", "truncated`,
    });
  }
  return { payloads, secrets };
};

describe('planted secrets', () => {
  const { payloads, secrets } = plant();
  const redactor = createRedactor({ projectRoot: '/home/user0/shop' });

  it(`plants hundreds of secrets (${secrets.length})`, () => {
    assert.ok(secrets.length >= 500);
  });

  it('none survives redactValue', () => {
    const survivors: string[] = [];
    for (const payload of payloads) {
      const before = JSON.stringify(payload);
      const text = JSON.stringify(redactor.redactValue(payload));
      assert.equal(JSON.stringify(payload), before, 'the input was mutated');
      for (const [kind, value] of secrets) if (text.includes(value) && before.includes(value)) survivors.push(`${kind}: ${value}`);
    }
    assert.deepEqual(survivors, []);
  });

  it('keeps the metadata beside them', () => {
    const out = payloads.map((p) => redactor.redactValue(p));
    const text = JSON.stringify(out);
    assert.ok(text.includes('"gen_ai.usage.output_tokens":12'));
    assert.ok(text.includes('"intValue":1000'));
    assert.ok(text.includes('"hook_event_name":"PostToolUse"'));
    assert.ok(text.includes('"numLines":4'));
  });
});
