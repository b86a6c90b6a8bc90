import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../test-support/paths.js';

/** Debian's Chromium (apt-get install chromium); the tests drive a real browser, not a simulation. */
export const CHROMIUM = '/usr/bin/chromium';
/** Screenshots land here (git-ignored); the README's come from the same runs. */
export const SCREENSHOT_DIR = join(repoRoot, 'test-results', 'screenshots');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Requests the page made to any origin other than the server under test. */
  foreignRequests: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A fresh profile per run (Playwright passes it as --user-data-dir), a laptop-sized window. */
export const openBrowser = async (baseUrl: string, theme: 'dark' | 'light' = 'dark'): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'agent-trace-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1440, height: 900 },
    colorScheme: theme,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const foreignRequests: string[] = [];
  const origin = new URL(baseUrl).origin;
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(origin) && !url.startsWith('data:')) foreignRequests.push(url);
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    foreignRequests,
    screenshot: async (name) => {
      await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/**
 * The page's globals as functions evaluated in the page see them: this package compiles without the DOM
 * library, so page functions reach them through `globalThis` with this type.
 */
export interface PageGlobals {
  document: {
    querySelectorAll(selector: string): { length: number };
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    documentElement: { dataset: Record<string, string | undefined> };
  };
  location: { hash: string };
  __marker?: number;
  __planted?: number;
}
