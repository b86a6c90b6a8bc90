// Prose and source code made from small vocabularies. Transcripts are mostly file content and tool
// output, so what matters is that sizes, line lengths and JSON escaping (quotes, newlines, tabs,
// backslashes, non-ASCII) look like real code, not that the code means anything.

const WORDS = (
  'the a to of and in that is for it with as on this be are by not or can from we at an will which ' +
  'function value request handler config session user token cache file test error type module server ' +
  'client query result update check build import export return field index route schema parse store ' +
  'should need let me look first then also now instead because so this means change fix add remove'
).split(' ');

const IDENTS = (
  'user session token cache config request response handler item items list map key value entry ' +
  'record store db conn pool query row rows result err error opts options ctx context payload body ' +
  'header headers status code path file dir name id ids count total limit offset page size buffer ' +
  'stream chunk line lines parser writer reader event events span trace metric logger timer retry'
).split(' ');

const TYPES = ['string', 'number', 'boolean', 'User', 'Session', 'Request', 'Response', 'Config', 'Record<string, unknown>', 'Promise<void>'];

const cap = (s) => s[0].toUpperCase() + s.slice(1);

export const ident = (rng) => {
  const a = rng.pick(IDENTS);
  return rng.chance(0.5) ? a + cap(rng.pick(IDENTS)) : a;
};

export const sentence = (rng, minWords = 6, maxWords = 18) => {
  const n = rng.int(minWords, maxWords);
  const words = [];
  for (let i = 0; i < n; i++) {
    const r = rng.float();
    words.push(r < 0.08 ? `\`${ident(rng)}\`` : r < 0.1 ? `"${rng.pick(WORDS)}"` : rng.pick(WORDS));
  }
  return `${cap(words.join(' '))}${rng.pick(['.', '.', '.', ':', '?'])}`;
};

/** A few paragraphs of prose of roughly `chars` characters. */
export const prose = (rng, chars) => {
  const parts = [];
  let len = 0;
  while (len < chars) {
    const s = sentence(rng);
    parts.push(s);
    len += s.length + 1;
    if (rng.chance(0.15)) {
      parts.push(rng.chance(0.3) ? '\n\n- ' : '\n\n');
      len += 2;
    }
  }
  return parts.join(' ').replace(/ \n/g, '\n').replace(/\n /g, '\n');
};

const codeLine = (rng, depth) => {
  const pad = '  '.repeat(depth);
  switch (rng.int(0, 11)) {
    case 0:
      return `${pad}const ${ident(rng)} = await ${ident(rng)}.${ident(rng)}(${ident(rng)}, { ${ident(rng)}: ${rng.int(0, 5000)} });`;
    case 1:
      return `${pad}if (!${ident(rng)} || ${ident(rng)}.length === 0) return ${rng.pick(['null', 'undefined', '[]', 'false'])};`;
    case 2:
      return `${pad}// ${sentence(rng, 4, 12)}`;
    case 3:
      return `${pad}throw new Error(\`${rng.pick(WORDS)} ${ident(rng)} failed: \${${ident(rng)}}\`);`;
    case 4:
      return `${pad}${ident(rng)}.${ident(rng)} = ${ident(rng)}['${ident(rng)}'] ?? "${rng.pick(WORDS)}\\t${rng.pick(WORDS)}";`;
    case 5:
      return `${pad}export function ${ident(rng)}(${ident(rng)}: ${rng.pick(TYPES)}, ${ident(rng)}: ${rng.pick(TYPES)}): ${rng.pick(TYPES)} {`;
    case 6:
      return `${pad}for (const ${ident(rng)} of ${ident(rng)}.${ident(rng)}) {`;
    case 7:
      return `${pad}logger.${rng.pick(['info', 'warn', 'debug'])}({ ${ident(rng)}, ${ident(rng)} }, '${sentence(rng, 3, 7)}');`;
    case 8:
      return '';
    case 9:
      return `${pad}}`;
    case 10:
      return `${pad}return ${ident(rng)}.map((${ident(rng)}) => ${ident(rng)}.${ident(rng)}).filter(Boolean);`;
    default:
      return `${pad}const re = /^[\\w.-]+@${ident(rng)}\\.(com|dev)$/u; // café ✓`;
  }
};

/** Source text of about `bytes` characters. */
export const sourceFile = (rng, bytes) => {
  const lines = [`import { ${ident(rng)} } from './${ident(rng)}.js';`, ''];
  let len = 0;
  let depth = 0;
  while (len < bytes) {
    const line = codeLine(rng, depth);
    if (line.endsWith('{')) depth = Math.min(depth + 1, 4);
    else if (line.trim() === '}') depth = Math.max(depth - 1, 0);
    lines.push(line);
    len += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
};

/** What the Read tool returns: `cat -n` style with an arrow after the line number. */
export const numbered = (content, startLine = 1) => {
  const lines = content.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l, i) => `${String(i + startLine).padStart(6)}→${l}`).join('\n');
};
