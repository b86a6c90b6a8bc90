import { lazyCommand } from '../command.js';

export const configCommand = lazyCommand({
  name: 'config',
  summary: 'Show, get, set and validate the configuration; print its JSON Schema',
  usage: `config show [--json] [--sources]
config get KEY [--json]
config set KEY VALUE
config path [--json]
config validate [FILE] [--json]
config schema`,
  help: `The configuration is config.yaml in the data directory (or --config FILE). AGENT_TRACE_<KEY> variables
override it (path segments joined by __, camelCase as UPPER_SNAKE: AGENT_TRACE_SERVER__GRPC_PORT=4800), and a
command's own flags (serve --port) override both.

Subcommands:
  show             the effective configuration (YAML; --json as JSON); --sources: where each value came from
                   (default, file, env VAR, flag --NAME)
  get KEY          one value (server.port, privacy, pricing.models.my-model.input)
  set KEY VALUE    edit the file in place, keeping comments and other keys; VALUE is read by the key's type
                   (numbers, true/false, a,b,c for lists, JSON for objects, null). The edited file is validated
                   first; a missing file is created (mode 0600)
  path             the config file's path (--json: with whether it exists)
  validate [FILE]  check FILE (alone), else the effective configuration (file and environment); lists every
                   problem and exits 2 when there is one
  schema           the JSON Schema of config.yaml, for editors: save it and add to the top of config.yaml
                   # yaml-language-server: $schema=./config.schema.json

Options:
  -j, --json           JSON output
      --sources        with show: the source of each value`,
  options: { json: { type: 'boolean', short: 'j' }, sources: { type: 'boolean' } },
  positionals: true,
  readsOwnConfig: true,
  load: async () => (await import('./config-run.js')).runConfig,
});
