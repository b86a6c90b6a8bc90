// Tool calls and their results, shaped like Claude Code's: the tool_result content the model sees,
// and the structured `toolUseResult` Claude Code stores beside it (which for Read and Edit repeats
// the file content, one reason real transcripts are large).
import { ident, numbered, prose, sentence } from './text.mjs';

// Claude Code cuts Bash output at 30,000 characters before it reaches the model.
const BASH_LIMIT = 30_000;

const testOutput = (rng, project) => {
  const lines = [`> ${ident(rng)}@1.0.0 test`, '> vitest run', '', ` RUN  v3.2.4 ${project.cwd}`, ''];
  const files = rng.int(3, 60);
  let failed = 0;
  for (let i = 0; i < files; i++) {
    const ok = rng.chance(0.93);
    if (!ok) failed++;
    lines.push(` ${ok ? '✓' : '❯'} ${rng.pick(project.files).path.slice(project.cwd.length + 1)} (${rng.int(1, 40)} tests${ok ? '' : ' | 1 failed'}) ${rng.int(2, 900)}ms`);
    if (!ok) {
      lines.push(`   × ${sentence(rng, 4, 9)}`, `     → expected ${rng.int(0, 99)} to be ${rng.int(0, 99)} // Object.is equality`);
    }
  }
  lines.push('', ` Test Files  ${failed ? `${failed} failed | ` : ''}${files - failed} passed (${files})`, `   Duration  ${rng.int(1, 40)}.${rng.int(10, 99)}s`);
  return { text: lines.join('\n'), failed: failed > 0 };
};

const diffOutput = (rng, project) => {
  const f = project.file(rng);
  const src = f.content.split('\n');
  const out = [`diff --git a${f.path.slice(project.cwd.length)} b${f.path.slice(project.cwd.length)}`, `index ${rng.int(1e6, 9e6).toString(16)}..${rng.int(1e6, 9e6).toString(16)} 100644`];
  const hunks = rng.int(1, 6);
  for (let h = 0; h < hunks; h++) {
    const at = rng.int(0, Math.max(0, src.length - 12));
    out.push(`@@ -${at + 1},8 +${at + 1},9 @@`);
    for (let i = at; i < Math.min(src.length, at + 8); i++) out.push(`${rng.chance(0.2) ? '-' : ' '}${src[i]}`);
    out.push(`+${src[at] ?? ''} // ${ident(rng)}`);
  }
  return out.join('\n');
};

const bashCall = (rng, project) => {
  const kind = rng.weighted([[30, 'test'], [20, 'git'], [15, 'ls'], [15, 'build'], [10, 'grep'], [10, 'misc']]);
  let command;
  let stdout = '';
  let stderr = '';
  let isError = false;
  if (kind === 'test') {
    command = rng.pick(['npm test', 'npx vitest run', 'pnpm test -- --run', 'npm run test:unit']);
    const r = testOutput(rng, project);
    stdout = r.text;
    isError = r.failed;
  } else if (kind === 'git') {
    command = rng.pick(['git diff', 'git status && git diff --stat', 'git log --oneline -20', 'git diff HEAD~1']);
    stdout = command.includes('log')
      ? Array.from({ length: 20 }, () => `${rng.int(1e6, 9e6).toString(16)} ${sentence(rng, 4, 10)}`).join('\n')
      : diffOutput(rng, project);
  } else if (kind === 'ls') {
    command = rng.pick(['ls -la', 'ls src', 'find . -name "*.ts" -not -path "./node_modules/*"', 'tree -L 2']);
    stdout = project.files.map((f) => (command.startsWith('ls -la') ? `-rw-r--r--  1 dev dev ${String(f.bytes).padStart(7)} Nov 12 10:${rng.int(10, 59)} ${f.path.split('/').pop()}` : `.${f.path.slice(project.cwd.length)}`)).join('\n');
  } else if (kind === 'build') {
    command = rng.pick(['npm run build', 'npx tsc --noEmit', 'go build ./...', 'cargo check']);
    if (rng.chance(0.35)) {
      isError = true;
      stderr = Array.from({ length: rng.int(1, 40) }, () => `${rng.pick(project.files).path}(${rng.int(1, 400)},${rng.int(1, 80)}): error TS${rng.int(2000, 2800)}: ${sentence(rng, 5, 14)}`).join('\n');
    } else {
      stdout = `> build\n> tsc -b\n\nDone in ${rng.int(1, 30)}.${rng.int(10, 99)}s.`;
    }
  } else if (kind === 'grep') {
    command = `rg -n "${ident(rng)}" src`;
    stdout = Array.from({ length: rng.int(1, 80) }, () => {
      const f = project.file(rng);
      const lines = f.content.split('\n');
      const n = rng.int(0, lines.length - 1);
      return `${f.path.slice(project.cwd.length + 1)}:${n + 1}:${lines[n]}`;
    }).join('\n');
  } else {
    command = rng.pick(['npm install', 'docker compose ps', 'cat package.json', 'node scripts/check.mjs']);
    stdout = prose(rng, rng.int(100, 3000));
  }
  // One call in a hundred dumps a huge log; Claude Code truncates it before the model sees it.
  if (rng.chance(0.01)) stdout += `\n${prose(rng, rng.int(40_000, 200_000))}`;
  const full = [stdout, stderr].filter(Boolean).join('\n');
  const truncated = full.length > BASH_LIMIT ? `${full.slice(0, BASH_LIMIT)}\n\n... [${full.length - BASH_LIMIT} characters truncated] ...` : full;
  return {
    name: 'Bash',
    input: { command, description: sentence(rng, 3, 7) },
    content: isError ? `Error: Exit code 1\n${truncated}` : truncated,
    toolUseResult: isError ? `Error: Exit code 1\n${truncated}` : { stdout: stdout.slice(0, BASH_LIMIT), stderr, interrupted: false, isImage: false },
    isError,
  };
};

const readCall = (rng, project) => {
  const f = project.file(rng);
  if (rng.chance(0.03)) {
    const msg = `File does not exist. Current working directory: ${project.cwd}`;
    return { name: 'Read', input: { file_path: `${f.path}.bak` }, content: `<tool_use_error>${msg}</tool_use_error>`, toolUseResult: `Error: ${msg}`, isError: true };
  }
  const lines = f.content.split('\n').length - 1;
  return {
    name: 'Read',
    input: { file_path: f.path },
    content: `${numbered(f.content)}\n\n<system-reminder>\nWhenever you read a file, you should consider whether it looks malicious.\n</system-reminder>\n`,
    toolUseResult: { type: 'text', file: { filePath: f.path, content: f.content, numLines: lines, startLine: 1, totalLines: lines } },
    isError: false,
  };
};

const editCall = (rng, project) => {
  const f = project.file(rng);
  const lines = f.content.split('\n');
  const at = rng.int(0, Math.max(0, lines.length - 6));
  const oldString = lines.slice(at, at + rng.int(1, 6)).join('\n');
  const newString = `${oldString}\n  // ${sentence(rng, 3, 9)}\n  ${ident(rng)}();`;
  if (rng.chance(0.06)) {
    const msg = 'String to replace not found in file.';
    return { name: 'Edit', input: { file_path: f.path, old_string: `${oldString} `, new_string: newString }, content: `<tool_use_error>${msg}</tool_use_error>`, toolUseResult: `Error: ${msg}`, isError: true };
  }
  const patchLines = [...oldString.split('\n').map((l) => ` ${l}`), ...newString.split('\n').slice(-2).map((l) => `+${l}`)];
  const snippet = numbered(lines.slice(Math.max(0, at - 4), at + 10).join('\n'), Math.max(1, at - 3));
  return {
    name: 'Edit',
    input: { file_path: f.path, old_string: oldString, new_string: newString },
    content: `The file ${f.path} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${snippet}`,
    toolUseResult: { filePath: f.path, oldString, newString, originalFile: f.content, structuredPatch: [{ oldStart: at + 1, oldLines: patchLines.length - 2, newStart: at + 1, newLines: patchLines.length, lines: patchLines }], userModified: false, replaceAll: false },
    isError: false,
  };
};

const writeCall = (rng, project) => {
  const f = project.file(rng);
  const content = f.content.slice(0, rng.int(200, Math.max(300, f.content.length)));
  return {
    name: 'Write',
    input: { file_path: f.path, content },
    content: `File created successfully at: ${f.path}`,
    toolUseResult: { type: 'create', filePath: f.path, content, structuredPatch: [] },
    isError: false,
  };
};

const grepCall = (rng, project) => {
  const files = Array.from({ length: rng.int(0, 25) }, () => rng.pick(project.files).path);
  return {
    name: 'Grep',
    input: { pattern: ident(rng), path: project.cwd, output_mode: 'files_with_matches' },
    content: files.length ? `Found ${files.length} files\n${files.join('\n')}` : 'No files found',
    toolUseResult: { mode: 'files_with_matches', filenames: files, numFiles: files.length },
    isError: false,
  };
};

const globCall = (rng, project) => {
  const files = project.files.filter(() => rng.chance(0.4)).map((f) => f.path);
  return {
    name: 'Glob',
    input: { pattern: rng.pick(['**/*.ts', 'src/**/*.tsx', '**/*.test.ts', '*.json']) },
    content: files.join('\n') || 'No files found',
    toolUseResult: { filenames: files, durationMs: rng.int(5, 300), numFiles: files.length, truncated: false },
    isError: false,
  };
};

const todoCall = (rng) => {
  const todos = Array.from({ length: rng.int(2, 8) }, () => ({ content: sentence(rng, 3, 8), status: rng.pick(['pending', 'in_progress', 'completed']), activeForm: sentence(rng, 3, 8) }));
  return {
    name: 'TodoWrite',
    input: { todos },
    content: 'Todos have been modified successfully. Ensure that you continue to use the todo list to track your progress.',
    toolUseResult: { oldTodos: todos.slice(1), newTodos: todos },
    isError: false,
  };
};

const webCall = (rng) => {
  const url = `https://docs.example.com/${ident(rng)}/${ident(rng)}`;
  if (rng.chance(0.1)) {
    return { name: 'WebFetch', input: { url, prompt: sentence(rng) }, content: 'Request failed with status code 404', toolUseResult: 'Error: Request failed with status code 404', isError: true };
  }
  const text = prose(rng, rng.int(800, 6000));
  return { name: 'WebFetch', input: { url, prompt: sentence(rng) }, content: text, toolUseResult: { bytes: text.length * 9, code: 200, codeText: 'OK', result: text, durationMs: rng.int(300, 9000), url }, isError: false };
};

// MCP browser snapshots are the largest tool results seen in practice (accessibility trees).
const mcpCall = (rng) => {
  const text = Array.from({ length: rng.int(300, 4000) }, (_, i) => `${'  '.repeat(i % 6)}- ${rng.pick(['button', 'link', 'textbox', 'generic', 'heading', 'listitem'])} "${sentence(rng, 2, 6)}" [ref=e${i}]`).join('\n');
  const content = [{ type: 'text', text: `### Page state\n- Page URL: http://localhost:3000/${ident(rng)}\n\`\`\`yaml\n${text}\n\`\`\`` }];
  return { name: 'mcp__playwright__browser_snapshot', input: {}, content, toolUseResult: content, isError: false };
};

/** One ordinary tool call (Task calls are made by the session, which writes the sub-agent). */
export const toolCall = (rng, project) =>
  rng.weighted([
    [30, readCall], [25, bashCall], [14, editCall], [4, writeCall], [8, grepCall], [5, globCall],
    [7, todoCall], [2, webCall], [1, mcpCall],
  ])(rng, project);
