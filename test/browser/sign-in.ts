/**
 * Signing in as a demo user in a browser test: the server prints the demo accounts with their
 * one-time passwords when it creates them on a new database; the login form takes it from there.
 */
import assert from 'node:assert/strict';
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

/** The api as demo users, beside the browser: what a test sets up or checks over plain HTTP. */
export class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly server: RunningServer) {}

  /** Signs the demo user in (its token is used by `call`). */
  async signIn(username: string): Promise<void> {
    const response = await fetch(`${this.server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: demoPassword(this.server, username) }),
    });
    this.tokens.set(username, ((await response.json()) as { token: string }).token);
  }

  /** A JSON request as a signed-in demo user; anything but 2xx fails the test. */
  async call(username: string, method: string, url: string, body?: unknown): Promise<any> {
    const response = await fetch(`${this.server.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${this.tokens.get(username)}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = await response.json();
    assert.ok(response.ok, `${method} ${url}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }
}
