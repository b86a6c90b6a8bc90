// Takes the README's dashboard screenshots from `agent-trace serve --demo` (the built CLI) in headless
// Chromium: docs/screenshots/*.png. Run after `npm run build`.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(REPO, 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });
const dataDir = mkdtempSync(join(tmpdir(), 'agent-trace-shots-'));
// The built CLI, as a user runs it.
const cli = join(REPO, 'packages/agent-trace/dist/cli/agent-trace.cjs');
const serve = spawn(process.execPath, [cli, 'serve', '--demo', '--no-grpc', '--port', '0', '--json', '--data-dir', dataDir], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, TZ: 'UTC' },
});
const line = await new Promise((resolve, reject) => {
  createInterface({ input: serve.stdout }).once('line', resolve);
  serve.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});
const { httpPort } = JSON.parse(line);
const url = `http://127.0.0.1:${httpPort}`;
const profile = mkdtempSync(join(tmpdir(), 'agent-trace-shots-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  headless: true,
  viewport: { width: 1440, height: 900 },
  colorScheme: 'dark',
});
const page = context.pages()[0] ?? (await context.newPage());
const settle = () => new Promise((r) => setTimeout(r, 400));
try {
  await page.goto(`${url}/`);
  await page.waitForSelector('[data-testid="session-row"]');
  await settle();
  await page.screenshot({ path: join(OUT, 'sessions.png') });
  const res = await fetch(`${url}/api/v1/sessions?sort=tools&limit=1`);
  const { sessions } = await res.json();
  const timeline = await (await fetch(`${url}/api/v1/sessions/${sessions[0].id}/timeline`)).json();
  const tool = timeline.rows.find((r) => r.type === 'tool_call');
  await page.goto(`${url}/#/sessions/${sessions[0].id}/span/${tool.spanId}`);
  await page.waitForSelector('[data-testid="content-tool_input"]');
  await settle();
  await page.screenshot({ path: join(OUT, 'replay.png') });
  await page.goto(`${url}/#/analytics`);
  await page.waitForSelector('[data-testid="chart-cost"]');
  await settle();
  await page.screenshot({ path: join(OUT, 'analytics.png') });
  await page.keyboard.press('t');
  await settle();
  await page.screenshot({ path: join(OUT, 'analytics-light.png') });
  await page.keyboard.press('t');
} finally {
  await context.close();
  serve.kill('SIGTERM');
  await new Promise((r) => serve.once('exit', r));
  rmSync(profile, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(`screenshots in ${OUT}`);
