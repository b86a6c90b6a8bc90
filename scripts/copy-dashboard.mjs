// Copies the built dashboard (packages/dashboard/dist) to packages/agent-trace/dist/dashboard, where
// `agent-trace serve` finds it in the installed package.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('../packages/dashboard/dist/', import.meta.url));
const to = fileURLToPath(new URL('../packages/agent-trace/dist/dashboard/', import.meta.url));
if (!existsSync(`${from}index.html`)) {
  console.error(`copy-dashboard: ${from}index.html is missing; build the dashboard first (npm run build -w @agent-trace/dashboard)`);
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
cpSync(from, to, { recursive: true });
