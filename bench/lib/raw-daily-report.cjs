#!/usr/bin/env node
'use strict';
// The hand-rolled alternative to `agent-trace report daily --json`: a user who already has the agent-trace
// database could open it with better-sqlite3 and sum the hourly roll-up by UTC day in SQL. Nothing else: no
// config, no pricing, no CLI. bench/startup-floor.mjs times it as the floor under any Node.js report command.
//   node bench/lib/raw-daily-report.cjs <agent-trace.db>
const Database = require('better-sqlite3');

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: raw-daily-report.cjs <agent-trace.db>\n');
  process.exit(2);
}
const db = new Database(file, { readonly: true, fileMustExist: true });
const rows = db
  .prepare(
    `SELECT date(bucket_start_ms / 1000, 'unixepoch') AS date,
            sum(input_tokens) AS inputTokens, sum(output_tokens) AS outputTokens,
            sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cacheCreationTokens,
            sum(cache_read_tokens) AS cacheReadTokens, sum(calls) AS calls
     FROM usage_rollup GROUP BY 1 ORDER BY 1`,
  )
  .all();
db.close();
process.stdout.write(`${JSON.stringify({ daily: rows })}\n`);
