/** HTTP end to end: login, tokens, roles, audit, rate limiting — and nothing written on refusal. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let db: TestDatabase;
let app: TestApp;
before(async () => {
  db = await openTestDatabase();
  app = await startTestApp(db, { loginAttempts: 5 });
});
after(async () => {
  await app.close();
  await db.close();
});

const counts = async () => ({
  users: Number((await db.knex('users').count({ n: '*' }))[0]!.n),
  audit: Number((await db.knex('audit_log').count({ n: '*' }))[0]!.n),
});

describe('login', () => {
  test('right password: a bearer token, an httpOnly SameSite cookie, an audit entry', async () => {
    const token = await app.signIn('dispatcher1', 'dispatcher', 'command-centre');
    assert.match(token, /^[\w-]{43}$/);
    const me = await app.request('GET', '/api/auth/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.body.username, 'dispatcher1');
    assert.equal(me.body.role, 'dispatcher');
    assert.equal(me.body.password_hash, undefined);

    const login = await app.request('POST', '/api/auth/login', { body: { username: 'dispatcher1', password: 'dispatcher1-secret-password' } });
    const cookie = login.headers.get('set-cookie') ?? '';
    assert.match(cookie, /civicgrid_session=/);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    const viaCookie = await app.request('GET', '/api/auth/me', { headers: { cookie: cookie.split(';')[0]! } });
    assert.equal(viaCookie.body.username, 'dispatcher1');

    const entries = await db.knex('audit_log').where({ action: 'login', username: 'dispatcher1' });
    assert.equal(entries.length, 2);
    assert.equal(entries[0].role, 'dispatcher');
  });

  test('wrong password or unknown user: the same 401, nothing stored', async () => {
    await app.signIn('inspector1', 'inspector', 'command-centre');
    const before = await counts();
    const wrong = await app.request('POST', '/api/auth/login', { body: { username: 'inspector1', password: 'not-the-password' } });
    const unknown = await app.request('POST', '/api/auth/login', { body: { username: 'nobody', password: 'not-the-password' } });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    assert.equal(wrong.body.error.message, unknown.body.error.message);
    assert.deepEqual(await counts(), before);
  });

  test('logout ends the session: the token stops working', async () => {
    const token = await app.signIn('owner1', 'owner', 'water-supply');
    assert.equal((await app.request('POST', '/api/auth/logout', { token })).status, 204);
    const after = await app.request('GET', '/api/auth/me', { token });
    assert.equal(after.status, 401);
    assert.match(after.body.error.message, /invalid or has expired/);
  });

  test('the session probe says who is signed in, and the cookie of an ended session is cleared, not an error', async () => {
    assert.deepEqual((await app.request('GET', '/api/auth/session')).body, { user: null });
    const token = await app.signIn('probe1', 'inspector', 'command-centre');
    const signedIn = await app.request('GET', '/api/auth/session', { token });
    assert.equal(signedIn.body.user.username, 'probe1');
    assert.equal(signedIn.body.user.role, 'inspector');
    await app.request('POST', '/api/auth/logout', { token });
    const stale = await app.request('GET', '/api/auth/session', { headers: { cookie: `civicgrid_session=${token}` } });
    assert.equal(stale.status, 200);
    assert.deepEqual(stale.body, { user: null });
    assert.match(stale.headers.get('set-cookie') ?? '', /civicgrid_session=;/, 'the cookie is cleared');
    const staleMe = await app.request('GET', '/api/auth/me', { headers: { cookie: `civicgrid_session=${token}` } });
    assert.equal(staleMe.status, 401, 'a signed-in route still needs a live session');
    const staleBearer = await app.request('GET', '/api/auth/session', { token });
    assert.equal(staleBearer.status, 401, 'a bad bearer token is refused outright');
  });

  test('repeated failures are rate-limited with 429', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await app.request('POST', '/api/auth/login', { body: { username: 'target', password: `guess-${i}` } })).status;
    assert.equal(last, 429);
    const other = await app.request('POST', '/api/auth/login', { body: { username: 'someone-else', password: 'guess' } });
    assert.equal(other.status, 401, 'another username from the same client is counted apart');
  });
});

describe('write routes require a role and are audited', () => {
  const newUser = { username: 'newcontractor', password: 'a-long-password-1', role: 'contractor' };

  test('no token: 401; a malformed header: 401; a made-up token: 401', async () => {
    assert.equal((await app.request('POST', '/api/users', { body: newUser })).status, 401);
    assert.equal((await app.request('POST', '/api/users', { body: newUser, headers: { authorization: 'Basic abc' } })).status, 401);
    assert.equal((await app.request('POST', '/api/users', { body: newUser, token: 'made-up' })).status, 401);
  });

  test('a role that may not: 403 naming the roles; nothing written', async () => {
    const token = await app.signIn('dispatcher2', 'dispatcher', 'command-centre');
    const before = await counts();
    const { status, body } = await app.request('POST', '/api/users', { body: newUser, token });
    assert.equal(status, 403);
    assert.match(body.error.message, /admin/);
    assert.deepEqual(await counts(), before);
  });

  test('an admin creates a user: the user and its audit entry are written together', async () => {
    const token = await app.signIn('admin1', 'admin', 'command-centre');
    const { status, body } = await app.request('POST', '/api/users', { body: { ...newUser, username: 'owner-gas', role: 'owner', department: 'gas' }, token });
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.username, 'owner-gas');
    assert.equal(body.password_hash, undefined);
    const entry = await db.knex('audit_log').where({ entity: 'user', entity_id: String(body.id) }).first();
    assert.equal(entry.action, 'create');
    assert.equal(entry.username, 'admin1');
    assert.equal(entry.details.department, 'gas');
    assert.ok(entry.request_id);
  });

  test('a refused create (unknown department, taken name, owner without department, short password) writes nothing', async () => {
    const token = await app.signIn('admin2', 'admin', 'command-centre');
    const before = await counts();
    const attempts = [
      { body: { ...newUser, username: 'x-owner', role: 'owner', department: 'no-such-dept' }, status: 400, message: /unknown department/ },
      { body: { ...newUser, username: 'admin2' }, status: 409, message: /taken/ },
      { body: { ...newUser, username: 'y-owner', role: 'owner' }, status: 400, message: /department/ },
      { body: { ...newUser, username: 'z-user', password: 'short' }, status: 400, message: /password/ },
      { body: { ...newUser, username: 'Bad Name!' }, status: 400, message: /username/ },
    ];
    for (const attempt of attempts) {
      const response = await app.request('POST', '/api/users', { body: attempt.body, token });
      assert.equal(response.status, attempt.status, JSON.stringify(response.body));
      assert.match(response.body.error.message, attempt.message);
    }
    assert.deepEqual(await counts(), before);
  });
});
