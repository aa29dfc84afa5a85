/**
 * Debian's Chromium, headless, for browser tests, and a page that records what a person's browser
 * would reveal: every request it makes and every console error.
 */
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or false when they can. */
export const chromiumMissing: string | false = fs.existsSync(chromiumPath)
  ? false
  : `no Chromium at ${chromiumPath}: apt-get install chromium fonts-noto-cjk (.ci/run does)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface PageRecord {
  requests: string[];
  consoleErrors: string[];
}

/** Whether a request stays on this machine: loopback, data: or blob:. */
export function isLocalUrl(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:') return true;
  return ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
}

/** Opens a page that records its requests and console errors; requests off the machine are blocked. */
export async function openRecordedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; record: PageRecord }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  const record: PageRecord = { requests: [], consoleErrors: [] };
  // context-wide, so requests from the map's web worker are seen too
  context.on('request', (request) => record.requests.push(request.url()));
  await context.route(
    (url) => !isLocalUrl(url.href),
    (route) => route.abort('blockedbyclient'),
  );
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') record.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => record.consoleErrors.push(`pageerror: ${error.message}`));
  return { page, record };
}
