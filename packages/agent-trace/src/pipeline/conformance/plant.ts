import { createHash } from 'node:crypto';
import { FakeSecrets } from '../../privacy/test/fake-secrets.js';

/**
 * Secrets of every kind, and tier markers (prompt, tool parameter and tool result text that is no secret but must
 * not be stored at tier 1), planted into payloads shaped like each ingest path's input. Every planted value is
 * unique per path and round, so a survivor names where it came from.
 */
export interface Planted {
  /** [path, kind, value] */
  secrets: Array<[string, string, string]>;
  /** Text of prompts, tool parameters and tool results: [path, kind, value]. */
  markers: Array<[string, string, string]>;
}

export const ROUNDS = 12;
const HOME = '/home/ana';
export const PROJECT = `${HOME}/shop`;

const hex = (text: string, length: number): string => createHash('sha256').update(text).digest('hex').slice(0, length);
const uuid = (text: string): string => {
  const h = hex(text, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** One round's secrets, each registered under `path`. */
const secretSet = (fake: FakeSecrets, planted: Planted, path: string, round: number) => {
  const keep = (kind: string, value: string): string => {
    planted.secrets.push([path, kind, value]);
    return value;
  };
  const pem = fake.pem();
  keep('pem body', pem.split('\n')[1] as string);
  return {
    anthropic: keep('anthropic', fake.anthropic()),
    openai: keep('openai', round % 2 ? fake.openai() : fake.openaiProject()),
    google: keep('google', fake.google()),
    awsId: keep('aws key id', fake.awsKeyId()),
    awsSecret: keep('aws secret', fake.awsSecret()),
    github: keep('github', round % 3 ? fake.github() : fake.githubPat()),
    gitlab: keep('gitlab', fake.gitlab()),
    slack: keep('slack', fake.slack()),
    webhook: keep('slack webhook', fake.slackWebhook()),
    stripe: keep('stripe', fake.stripe()),
    npm: keep('npm', fake.npm()),
    hf: keep('hugging face', fake.huggingFace()),
    jwt: keep('jwt', fake.jwt()),
    password: keep('password', fake.password()),
    dbPassword: keep('db password', fake.password().replace('!', 'q')),
    bearer: keep('bearer', `tok${round}_${fake.password().slice(3)}`),
    email: keep('email', `${path.replace(/\W/g, '')}${round}.dev+x@example${round}.org`),
    ssn: keep('ssn', `${String(120 + round)}-${String(30 + round)}-${String(4000 + round)}`),
    card: keep('card', ['4111 1111 1111 1111', '5500-0000-0000-0004', '378282246310005', '6011111111111117'][round % 4] as string),
    pem,
  };
};

type Secrets = ReturnType<typeof secretSet>;

const envFile = (s: Secrets): string =>
  `OPENAI_API_KEY=${s.openai}\nAWS_ACCESS_KEY_ID=${s.awsId}\nAWS_SECRET_ACCESS_KEY=${s.awsSecret}\n` +
  `DATABASE_URL=postgres://app:${s.dbPassword}@db.internal:5432/shop\nSTRIPE=${s.stripe}\n`;
const command = (s: Secrets): string =>
  `curl -s -H "Authorization: Bearer ${s.bearer}" https://api.example.com/v1?key=${s.google} && git push https://x:${s.github}@github.com/a/b`;
const code = (s: Secrets): string => `const gitlab = "${s.gitlab}";\nconst npm = '${s.npm}';\nconst cfg = {"password": "${s.password}"};\n`;
const prose = (s: Secrets): string => `card ${s.card}, ssn ${s.ssn}, mail ${s.email}, hf ${s.hf}, jwt ${s.jwt}, slack ${s.slack} ${s.webhook}`;

const marker = (planted: Planted, path: string, kind: string, round: number): string => {
  const value = `${kind.toUpperCase().replace(/\W/g, '')}MARK${hex(`${path}${kind}${round}`, 10)}`;
  planted.markers.push([path, kind, value]);
  return value;
};

/** Claude Code transcripts: one session per round, in `projects/-home-ana-shop/<id>.jsonl`. */
export const plantTranscripts = (planted: Planted): Map<string, string> => {
  const fake = new FakeSecrets(11);
  const files = new Map<string, string>();
  for (let r = 0; r < ROUNDS; r++) {
    const s = secretSet(fake, planted, 'transcript', r);
    const sessionId = uuid(`transcript-${r}`);
    const base = { isSidechain: false, userType: 'external', cwd: PROJECT, sessionId, version: '2.0.76', gitBranch: 'main' };
    let t = Date.UTC(2026, 10, 1, 10, r);
    const at = () => new Date((t += 1000)).toISOString();
    const lines: unknown[] = [];
    const user = (content: unknown, extra: object = {}) => lines.push({ ...base, type: 'user', message: { role: 'user', content }, uuid: uuid(`u${r}${lines.length}`), timestamp: at(), ...extra });
    const assistant = (id: string, content: unknown[]) =>
      lines.push({
        ...base,
        type: 'assistant',
        message: { id, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content, stop_reason: 'tool_use', usage: { input_tokens: 10, output_tokens: 20, cache_read_input_tokens: 5, cache_creation_input_tokens: 0 } },
        requestId: `req_${hex(id, 20)}`,
        uuid: uuid(`a${r}${lines.length}`),
        timestamp: at(),
      });
    user(`${marker(planted, 'transcript', 'prompt', r)} please deploy with ${s.anthropic} and ${prose(s)}`);
    const bash = `toolu_${hex(`bash${r}`, 20)}`;
    const edit = `toolu_${hex(`edit${r}`, 20)}`;
    const read = `toolu_${hex(`read${r}`, 20)}`;
    assistant(`msg_${hex(`m1${r}`, 20)}`, [
      { type: 'text', text: `Running it. ${marker(planted, 'transcript', 'assistant text', r)}` },
      { type: 'tool_use', id: bash, name: 'Bash', input: { command: `${command(s)} # ${marker(planted, 'transcript', 'tool parameter', r)}` } },
      { type: 'tool_use', id: edit, name: 'Edit', input: { file_path: `${PROJECT}/src/config.ts`, old_string: code(s), new_string: `${envFile(s)}${marker(planted, 'transcript', 'edit', r)}` } },
      { type: 'tool_use', id: read, name: 'Read', input: { file_path: `${HOME}/.ssh/id_rsa` } },
    ]);
    user([
      { type: 'tool_result', tool_use_id: bash, content: `${marker(planted, 'transcript', 'tool result', r)}\n${envFile(s)}`, is_error: false },
      { type: 'tool_result', tool_use_id: edit, content: `error: cannot write ${PROJECT}/.env: token ${s.jwt} rejected for ${s.email}`, is_error: true },
      { type: 'tool_result', tool_use_id: read, content: s.pem },
    ]);
    files.set(`projects/-home-ana-shop/${sessionId}.jsonl`, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  }
  return files;
};

/** Hook payloads, as `agent-trace hook` receives them on stdin: a session per round, for the collector or the spool. */
export const plantHookPayloads = (planted: Planted, path: 'hook' | 'spool'): Array<Record<string, unknown>> => {
  const fake = new FakeSecrets(path === 'hook' ? 21 : 31);
  const events: Array<Record<string, unknown>> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const s = secretSet(fake, planted, path, r);
    const common = {
      session_id: uuid(`${path}-${r}`),
      transcript_path: `${HOME}/.claude/projects/-home-ana-shop/${uuid(`${path}-${r}`)}.jsonl`,
      cwd: PROJECT,
      permission_mode: 'default',
      prompt_id: uuid(`${path}-prompt-${r}`),
    };
    const toolInput = { command: `${command(s)} ${marker(planted, path, 'tool parameter', r)}`, description: `deploy ${s.anthropic}` };
    events.push({ ...common, hook_event_name: 'SessionStart', source: 'startup', model: 'claude-sonnet-4-5' });
    events.push({ ...common, hook_event_name: 'UserPromptSubmit', prompt: `${marker(planted, path, 'prompt', r)} ${prose(s)}` });
    events.push({ ...common, hook_event_name: 'PreToolUse', tool_name: 'Bash', tool_input: toolInput, tool_use_id: `toolu_${hex(`${path}b${r}`, 16)}` });
    events.push({
      ...common,
      hook_event_name: 'PostToolUse',
      tool_name: 'Bash',
      tool_input: toolInput,
      tool_use_id: `toolu_${hex(`${path}b${r}`, 16)}`,
      tool_response: { stdout: `${marker(planted, path, 'tool result', r)}\n${envFile(s)}`, stderr: code(s), interrupted: false },
      duration_ms: 40,
      // A field this version does not know, holding a secret in metadata.
      custom_endpoint: `https://hooks.example.com/?token=${s.password}`,
    });
    events.push({
      ...common,
      hook_event_name: 'PostToolUseFailure',
      tool_name: 'Read',
      tool_input: { file_path: `${HOME}/.aws/credentials` },
      tool_use_id: `toolu_${hex(`${path}r${r}`, 16)}`,
      error: `EACCES reading with key ${s.awsSecret} for ${s.email} ${s.pem}`,
      is_interrupt: false,
      duration_ms: 3,
    });
    events.push({ ...common, hook_event_name: 'Notification', message: `Claude needs your permission: ${s.slack}`, title: s.webhook });
    events.push({ ...common, hook_event_name: 'Stop', last_assistant_message: `${marker(planted, path, 'assistant text', r)} ${s.hf}` });
    events.push({ ...common, hook_event_name: 'SessionEnd', reason: 'other' });
  }
  return events;
};

const attr = (key: string, value: string | number) => ({ key, value: typeof value === 'number' ? { intValue: String(value) } : { stringValue: value } });

/** OTLP/JSON requests: traces (span attributes, events, status messages), logs (Claude Code events, bodies), metric labels. */
export const plantOtlp = (planted: Planted): { traces: unknown; logs: unknown; metrics: unknown } => {
  const fake = new FakeSecrets(41);
  const spans: unknown[] = [];
  const logRecords: unknown[] = [];
  const points: unknown[] = [];
  const t0 = BigInt(Date.UTC(2026, 10, 2)) * 1_000_000n;
  for (let r = 0; r < ROUNDS; r++) {
    const s = secretSet(fake, planted, 'otlp', r);
    const traceId = hex(`otlp-trace-${r}`, 32);
    const start = (t0 + BigInt(r) * 60_000_000_000n).toString();
    const end = (t0 + BigInt(r) * 60_000_000_000n + 2_000_000_000n).toString();
    spans.push({
      traceId,
      spanId: hex(`otlp-span-${r}`, 16),
      name: 'chat claude-sonnet-4-5',
      kind: 3,
      startTimeUnixNano: start,
      endTimeUnixNano: end,
      attributes: [
        attr('gen_ai.operation.name', 'chat'),
        attr('gen_ai.request.model', 'claude-sonnet-4-5'),
        attr('gen_ai.usage.input_tokens', 100 + r),
        attr('gen_ai.usage.output_tokens', 10),
        attr('gen_ai.prompt', `${marker(planted, 'otlp', 'prompt', r)} ${prose(s)}`),
        attr('gen_ai.tool.call.arguments', JSON.stringify({ command: command(s), note: marker(planted, 'otlp', 'tool parameter', r) })),
        attr('gen_ai.tool.call.result', `${marker(planted, 'otlp', 'tool result', r)} ${envFile(s)}`),
        attr('db.password', s.password),
        attr('http.request.header.authorization', `Bearer ${s.bearer}`),
        attr('url.full', `https://api.example.com/v1?api_key=${s.google}&u=${s.email}`),
        attr('code.filepath', `${HOME}/.ssh/config`),
        attr('user.email', s.email.replace('@', '.u@')),
        attr('session.id', `otlp-session-${r}`),
      ],
      events: [
        {
          name: 'exception',
          timeUnixNano: end,
          attributes: [attr('exception.message', `auth failed for ${s.anthropic} (${s.jwt})`), attr('exception.stacktrace', `at ${HOME}/shop/src/a.ts:3 ${s.awsId} ${s.awsSecret}`)],
        },
      ],
      status: { code: 2, message: `upstream said ${s.openai} is invalid; card ${s.card}` },
    });
    logRecords.push({
      timeUnixNano: start,
      severityNumber: 9,
      body: { stringValue: 'claude_code.user_prompt' },
      attributes: [
        attr('event.name', 'user_prompt'),
        attr('session.id', `otlp-session-${r}`),
        attr('prompt', `${marker(planted, 'otlp', 'log prompt', r)} ${s.gitlab} ${s.ssn}`),
        attr('user.email', s.email),
      ],
    });
    logRecords.push({
      timeUnixNano: end,
      severityNumber: 17,
      body: { stringValue: `request failed: ${s.stripe} ${s.npm} ${s.pem}` },
      attributes: [attr('error.message', `slack ${s.slack} webhook ${s.webhook}`), attr('api_key', s.hf)],
    });
    points.push({
      timeUnixNano: end,
      asInt: String(5 + r),
      attributes: [attr('session.id', `otlp-session-${r}`), attr('user.email', `m.${s.email}`), attr('auth.token', s.github), attr('route', `/api?key=${s.dbPassword}`)],
    });
  }
  const resource = { attributes: [attr('service.name', 'my-agent'), attr('host.user', `ana ${s2(planted)}`)] };
  return {
    traces: { resourceSpans: [{ resource, scopeSpans: [{ scope: { name: 'agent' }, spans }] }] },
    logs: { resourceLogs: [{ resource, scopeLogs: [{ scope: { name: 'agent' }, logRecords }] }] },
    metrics: {
      resourceMetrics: [
        {
          resource,
          scopeMetrics: [{ scope: { name: 'agent' }, metrics: [{ name: 'agent.requests', sum: { dataPoints: points, aggregationTemporality: 1, isMonotonic: true } }] }],
        },
      ],
    },
  };
};

/** One more secret on the resource: an e-mail in a resource attribute. */
const s2 = (planted: Planted): string => {
  const value = 'resource.owner+ops@example-corp.org';
  planted.secrets.push(['otlp', 'email', value]);
  return value;
};

/** Fields our own log lines carry: a request that failed, quoting what it held. */
export const plantLogFields = (planted: Planted): Array<Record<string, unknown>> => {
  const fake = new FakeSecrets(51);
  const out: Array<Record<string, unknown>> = [];
  for (let r = 0; r < ROUNDS; r++) {
    const s = secretSet(fake, planted, 'own log', r);
    out.push({
      error: new Error(`bad request from ${s.email}: ${s.anthropic}`),
      headers: { authorization: `Bearer ${s.bearer}`, cookie: `sid=${s.password}` },
      body: `${envFile(s)}${code(s)}${prose(s)}${command(s)} ${s.pem} ${s.slack} ${s.webhook}`,
    });
  }
  return out;
};
