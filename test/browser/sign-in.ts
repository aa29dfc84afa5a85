/**
 * Signing in as a demo user in a browser test: the server prints the demo accounts with their
 * one-time passwords when it creates them on a new database; the login form takes it from there.
 */
import type { Page } from 'playwright-core';
import type { RunningServer } from './civicgrid-server.ts';

/** The demo user's password, from what the server printed at first start. */
export function demoPassword(server: RunningServer, username: string): string {
  const line = server
    .output()
    .split('\n')
    .find((text) => text.trimStart().startsWith(`${username} `));
  const password = line?.trim().split(/\s+/)[1];
  if (!password) throw new Error(`the server did not print a demo account ${username}:\n${server.output()}`);
  return password;
}

/** Opens `path` (default the home page) and signs in through the login form. */
export async function signInAs(page: Page, server: RunningServer, username: string, path = '/'): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(demoPassword(server, username));
  await page.getByTestId('login-submit').click();
  await page.getByTestId('app-nav').waitFor({ timeout: 30_000 });
}
