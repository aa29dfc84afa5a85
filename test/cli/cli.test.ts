/**
 * The `civicgrid` command line as a person runs it: adding users with the password on stdin,
 * writing a demo survey, and clear messages (exit ≠ 0) when the database cannot be used.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { rootDir } from '../../api/config.ts';
import { verifyPassword } from '../../api/auth/password.ts';
import { createTestDatabase } from '../support/test-database.ts';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/civicgrid.js with only the given environment (plus PATH and HOME). */
function civicgrid(args: string[], env: Record<string, string>, stdin = ''): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(rootDir, 'bin', 'civicgrid.js'), ...args], {
      cwd: rootDir,
      env: { PATH: process.env.PATH ?? '', HOME: os.homedir(), LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

test('user add: the password comes on stdin, is stored hashed, and the change is audited', async () => {
  const location = await createTestDatabase();
  const args = ['user', 'add', '--username', 'zhang.wei', '--role', 'owner', '--department', 'gas', '--json', '--password-stdin'];
  const run = await civicgrid(args, location.env, 'gas-owner-password\n');
  assert.equal(run.code, 0, run.stderr);
  const created = JSON.parse(run.stdout);
  assert.equal(created.username, 'zhang.wei');
  assert.equal(created.role, 'owner');

  const again = await civicgrid(args, location.env, 'another-password\n');
  assert.equal(again.code, 1);
  assert.match(again.stderr, /username zhang\.wei is taken/);

  const noDepartment = await civicgrid(['user', 'add', '--username', 'li.na', '--role', 'owner', '--password-stdin'], location.env, 'li-na-password\n');
  assert.equal(noDepartment.code, 1);
  assert.match(noDepartment.stderr, /owner user belongs to a department/);

  const inline = await civicgrid(['user', 'add', '--username', 'wang', '--role', 'admin'], location.env);
  assert.equal(inline.code, 2);
  assert.match(inline.stderr, /--password-stdin/);

  const db = await location.open();
  try {
    const user = await db.knex('users').where({ username: 'zhang.wei' }).first();
    assert.notEqual(user.password_hash, 'gas-owner-password');
    assert.equal(await verifyPassword('gas-owner-password', user.password_hash), true);
    const audit = await db.knex('audit_log').where({ entity: 'user', entity_id: String(user.id) });
    assert.equal(audit.length, 1);
    assert.equal(audit[0].username, 'cli');
    assert.equal(await db.knex('users').where({ username: 'li.na' }).first(), undefined);
  } finally {
    await db.close();
  }
});

test('an unreachable DATABASE_URL: a clear message and exit 1', async () => {
  const run = await civicgrid(['db', 'status'], { DATABASE_URL: 'postgres://civicgrid:secret@127.0.0.1:1/civicgrid' });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /cannot use the PostgreSQL server at postgres:\/\/civicgrid:\*\*\*@127\.0\.0\.1:1\/civicgrid/);
  assert.doesNotMatch(run.stderr, /secret/, 'the password is not printed');
  assert.doesNotMatch(run.stderr, /    at /, 'no stack trace');
});

test('a malformed environment: each problem named, exit 1', async () => {
  const run = await civicgrid(['db', 'status'], { DATABASE_URL: 'mysql://x', PORT: 'eighty' });
  assert.equal(run.code, 1);
  assert.match(run.stderr, /DATABASE_URL: must be a postgres:\/\//);
  assert.match(run.stderr, /PORT:/);
});

test('a damaged embedded data dir: a clear message, exit 1, nothing overwritten', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-broken-'));
  const pgdata = path.join(dataDir, 'pgdata');
  fs.mkdirSync(pgdata);
  fs.writeFileSync(path.join(pgdata, 'PG_VERSION'), '17\n');
  try {
    const run = await civicgrid(['db', 'status'], { CIVICGRID_DATA_DIR: dataDir });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /embedded database in .*pgdata is incomplete/);
    assert.match(run.stderr, /Move the folder away/);
    assert.deepEqual(fs.readdirSync(pgdata), ['PG_VERSION'], 'the damaged folder is left as it was');
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('demo writes a contractor-style survey; bad arguments are refused', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'civicgrid-demo-'));
  try {
    const run = await civicgrid(['demo', '--count', '50', '--out', out, '--json'], {});
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout);
    assert.equal(result.count, 50);
    assert.deepEqual(fs.readdirSync(out).sort(), ['部件调查.dbf', '部件调查.prj', '部件调查.shp', '部件调查.shx']);
    const bad = await civicgrid(['demo', '--count', 'lots', '--out', out], {});
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--count must be a whole number/);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});
