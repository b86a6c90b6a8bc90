import { TIME_HELP, TIME_OPTIONS } from '../args.js';
import { lazyCommand } from '../command.js';

export const exportCommand = lazyCommand({
  name: 'export',
  summary: 'Write sessions and their spans as OTLP/JSON, JSON lines or CSV',
  usage: 'export [SESSION...] [options]',
  help: `Sessions are given by id or unique prefix; without any, every session the filters match is exported,
oldest first. Only what the store holds is written: content was redacted, or left out, when it was stored.

Options:
  -f, --format FORMAT  otlp-json (default): one OTLP/JSON ExportTraceServiceRequest per session per line,
                       the OpenTelemetry Collector file exporter's layout
                       jsonl: a {"kind":"session"} line, then a {"kind":"span"} line per span
                       csv: one row per span, header first
  -o, --output FILE    write to FILE (created 0600, replaced only once complete); default: standard output
${TIME_HELP}
  -p, --project NAME   only this project (name substring or hash)
  -m, --model MODEL    only sessions that used this model (id or substring)
      --agent AGENT    only this agent
  -q, --quiet          no summary on standard error

Examples:
  agent-trace export 3f2a --format jsonl
  agent-trace export --since 7d --format otlp-json --output week.otlp.jsonl
  agent-trace export --project shop --format csv > spans.csv`,
  options: {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    ...TIME_OPTIONS,
    project: { type: 'string', short: 'p' },
    model: { type: 'string', short: 'm' },
    agent: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  },
  positionals: true,
  load: async () => (await import('./export-run.js')).runExport,
});
