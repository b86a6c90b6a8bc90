import { z } from 'zod';
import { ConfigSchema } from './config-schema.js';
import type { JsonSchemaNode } from './json-schema-node.js';

let cached: JsonSchemaNode | undefined;

/**
 * The JSON Schema of config.yaml, generated from the zod schema (the one definition of the file): for editors
 * (`agent-trace config schema`), and read by the config layer for key names, env parsing and allowed values.
 * `io: 'input'` describes what a user writes, so keys with defaults are optional; draft-07 is the draft that
 * editors' YAML support (yaml-language-server, JetBrains) reads everywhere.
 */
export const configJsonSchema = (): JsonSchemaNode => {
  if (!cached) {
    const { $schema, ...rest } = z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-7' });
    cached = {
      $schema,
      title: 'agent-trace configuration',
      description:
        'config.yaml in the agent-trace data directory (or --config FILE). Environment variables AGENT_TRACE_<KEY> ' +
        '(path segments joined by __, camelCase as UPPER_SNAKE) override it, and command-line flags override both.',
      ...rest,
    } as JsonSchemaNode;
  }
  return cached;
};
