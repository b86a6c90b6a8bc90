// Checks that agent-trace's `report daily --json` agrees with ccusage's `claude daily --json`:
// token counts exactly, cost within a tolerance. A benchmark on wrong numbers is worthless.

export const TOKEN_FIELDS = ['inputTokens', 'outputTokens', 'cacheCreationTokens', 'cacheReadTokens', 'totalTokens'];

const parse = (label, text) => {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`${label} did not print JSON (${err.message}); first bytes: ${text.slice(0, 300)}`);
  }
};

const totalsOf = (label, report) => {
  const t = report?.totals;
  if (!t || TOKEN_FIELDS.some((f) => typeof t[f] !== 'number') || typeof t.totalCost !== 'number') {
    throw new Error(`${label}: JSON has no totals with ${[...TOKEN_FIELDS, 'totalCost'].join(', ')}`);
  }
  return t;
};

/**
 * @returns {{ ok: boolean, rows: Array<{ field: string, ccusage: number, agentTrace: number, diff: string, ok: boolean }>, days: { ccusage: number, agentTrace: number, mismatched: string[] } }}
 */
export const compareDaily = (ccusageJson, agentTraceJson, costTolerance = 0.005) => {
  const cc = parse('ccusage', ccusageJson);
  const at = parse('agent-trace report daily', agentTraceJson);
  const ct = totalsOf('ccusage', cc);
  const att = totalsOf('agent-trace', at);
  const rows = TOKEN_FIELDS.map((field) => ({ field, ccusage: ct[field], agentTrace: att[field], diff: String(att[field] - ct[field]), ok: att[field] === ct[field] }));
  const rel = ct.totalCost === 0 ? Math.abs(att.totalCost) : Math.abs(att.totalCost - ct.totalCost) / ct.totalCost;
  rows.push({ field: 'totalCost (USD)', ccusage: ct.totalCost, agentTrace: att.totalCost, diff: `${(rel * 100).toFixed(3)}%`, ok: rel <= costTolerance });

  // Per day: the same dates with the same token counts (UTC days on both sides).
  const byDate = (rows) => new Map((rows ?? []).map((r) => [r.date, r]));
  const ccDays = byDate(cc.daily);
  const atDays = byDate(at.daily);
  const mismatched = [];
  for (const date of new Set([...ccDays.keys(), ...atDays.keys()])) {
    const a = ccDays.get(date);
    const b = atDays.get(date);
    if (!a || !b || TOKEN_FIELDS.some((f) => a[f] !== b[f])) mismatched.push(date);
  }
  return { ok: rows.every((r) => r.ok) && mismatched.length === 0, rows, days: { ccusage: ccDays.size, agentTrace: atDays.size, mismatched: mismatched.sort() } };
};

export const parityMarkdown = (p) => {
  const lines = ['| total | ccusage | agent-trace | difference | match |', '| --- | ---: | ---: | ---: | :---: |'];
  for (const r of p.rows) {
    const fmt = (x) => (r.field.startsWith('totalCost') ? x.toFixed(4) : x.toLocaleString('en-US'));
    lines.push(`| ${r.field} | ${fmt(r.ccusage)} | ${fmt(r.agentTrace)} | ${r.diff} | ${r.ok ? 'yes' : '**no**'} |`);
  }
  const d = p.days;
  lines.push('', `Days: ccusage ${d.ccusage}, agent-trace ${d.agentTrace}; ${d.mismatched.length === 0 ? 'every day matches in all token fields' : `**days that differ: ${d.mismatched.join(', ')}**`}.`);
  return lines.join('\n');
};

/** Totals of ccusage's JSON alone, for the ccusage-only mode. */
export const ccusageSummary = (ccusageJson) => {
  const cc = parse('ccusage', ccusageJson);
  const t = totalsOf('ccusage', cc);
  return { days: cc.daily.length, first: cc.daily[0]?.date, last: cc.daily.at(-1)?.date, models: [...new Set(cc.daily.flatMap((d) => d.modelsUsed))].sort(), totals: t };
};
