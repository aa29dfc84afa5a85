/** The express app on a test database, listening on a free port, with a small fetch helper. */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { createApp } from '../../api/app.ts';
import { commandLineActor } from '../../api/audit/audit.repository.ts';
import { BatchProgressHub } from '../../api/survey-batches/batch-progress.ts';
import type { Role } from '../../api/users/role.ts';
import { createUser } from '../../api/users/user.service.ts';
import type { TestDatabase } from './test-database.ts';

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
}

export interface TestApp {
  url: string;
  request(method: string, path: string, options?: { body?: unknown; rawBody?: string; form?: FormData; token?: string; headers?: Record<string, string> }): Promise<TestResponse>;
  /** Creates a user and signs in; returns the bearer token. */
  signIn(username: string, role: Role, department?: string): Promise<string>;
  close(): Promise<void>;
}

export async function startTestApp(database: TestDatabase, options: { loginAttempts?: number; uploadLimitBytes?: number } = {}): Promise<TestApp> {
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-uploads-'));
  const hub = new BatchProgressHub();
  const app = createApp({
    knex: database.knex,
    backend: database.backend,
    logger: pino({ level: 'silent' }),
    auth: { loginAttempts: options.loginAttempts ?? 1000 },
    surveys: { uploadsDir, uploadLimitBytes: options.uploadLimitBytes ?? 64 * 1024 * 1024, hub },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const request: TestApp['request'] = async (method, path, { body, rawBody, form, token, headers = {} } = {}) => {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(body !== undefined || rawBody !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: form ?? rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };

  return {
    url,
    request,
    async signIn(username, role, department) {
      const password = `${username}-secret-password`;
      await createUser(database.knex, { username, role, department, password }, commandLineActor);
      const response = await request('POST', '/api/auth/login', { body: { username, password } });
      if (response.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      fs.rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}
