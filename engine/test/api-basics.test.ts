import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string; message: string };
}

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
});

afterAll(async () => {
  await app.close();
});

describe('health and documentation', () => {
  it('reports which database it runs on', async () => {
    const res = await app.request('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: process.env.DATABASE_URL ? 'postgres' : 'embedded',
    });
  });

  it('serves the OpenAPI document with every foundation route', async () => {
    const res = await app.request<{ openapi: string; paths: Record<string, unknown> }>(
      'GET',
      '/api/docs-json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/auth/login',
        '/api/apps',
        '/api/templates',
        '/api/templates/{key}/install',
        '/api/forms/{formId}',
        '/api/forms/{formId}/records',
        '/api/records/{id}',
        '/api/tasks',
        '/api/tasks/{taskId}/actions',
      ]),
    );
  });
});

describe('sign-in', () => {
  it('gives a token and the user for the right password', async () => {
    const res = await app.request<{
      token: string;
      user: { username: string; roles: string[]; isAdmin: boolean };
    }>('POST', '/api/auth/login', { body: { username: 'director1', password: 'demo' } });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(res.body.user).toMatchObject({
      username: 'director1',
      roles: ['sales_director'],
      isAdmin: false,
    });
    const me = await app.request<{ username: string }>('GET', '/api/me', { token: res.body.token });
    expect(me.body.username).toBe('director1');
  });

  it.each([
    ['wrong password', { username: 'rep1', password: 'nope' }, 401, 'invalid_credentials'],
    ['unknown user', { username: 'ghost', password: 'demo' }, 401, 'invalid_credentials'],
    ['missing password', { username: 'rep1' }, 400, 'validation_failed'],
    ['extra keys', { username: 'rep1', password: 'demo', isAdmin: true }, 400, 'validation_failed'],
  ])('refuses a %s', async (_name, body, status, code) => {
    const res = await app.request<Envelope>('POST', '/api/auth/login', { body });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ status, code });
  });
});

describe('tokens', () => {
  let userId: string;
  let secret: string;

  beforeAll(async () => {
    const rows: { id: string }[] = await app.db.query(
      `SELECT id FROM users WHERE username = 'rep1'`,
    );
    userId = rows[0]!.id;
    const s: { value: string }[] = await app.db.query(
      `SELECT value FROM settings WHERE key = 'token_secret'`,
    );
    secret = s[0]!.value;
  });

  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it.each([
    ['no token', () => undefined],
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: userId })}.`],
    [
      'a tampered payload',
      () => {
        const [h, , s] = jwt.sign({}, secret, { algorithm: 'HS256', subject: userId }).split('.');
        return `${h}.${b64({ sub: userId, admin: true })}.${s}`;
      },
    ],
    [
      'an expired token',
      () =>
        jwt.sign({ exp: Math.floor(Date.now() / 1000) - 10 }, secret, {
          algorithm: 'HS256',
          subject: userId,
        }),
    ],
    [
      'another secret',
      () => jwt.sign({}, 'not-the-secret', { algorithm: 'HS256', subject: userId }),
    ],
  ])('answers 401 for %s', async (_name, make) => {
    const token = make();
    const res = await app.request<Envelope>('GET', '/api/tasks', token ? { token } : {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('accepts a token signed with the stored secret', async () => {
    const token = jwt.sign({ ims: Date.now() - 1000 }, secret, {
      algorithm: 'HS256',
      subject: userId,
      expiresIn: 60,
      jwtid: randomUUID(),
    });
    const res = await app.request('GET', '/api/me', { token });
    expect(res.status).toBe(200);
  });
});

describe('the one error envelope', () => {
  it('answers unknown routes with 404 in the envelope', async () => {
    const token = await app.login('rep1');
    const res = await app.request<Envelope>('GET', '/api/no-such-thing', { token });
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await app.request<Envelope>('POST', '/api/auth/login', {
      rawBody: '{"username": ',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('answers a body over the limit with 413 before anything runs', async () => {
    const token = await app.login('rep1');
    const before: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM records');
    const huge = JSON.stringify({ data: { customer_name: 'x'.repeat(2 * 1024 * 1024) } });
    const res = await app.request<Envelope>(
      'POST',
      '/api/forms/00000000-0000-0000-0000-000000000000/records',
      {
        token,
        rawBody: huge,
      },
    );
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    const after: { n: number }[] = await app.db.query('SELECT count(*)::int AS n FROM records');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers ids that are not UUIDs with 404, not a database error', async () => {
    const token = await app.login('rep1');
    for (const path of ['/api/forms/1', '/api/records/abc', '/api/forms/%27;drop/records']) {
      const res = await app.request<Envelope>('GET', path, { token });
      expect({ path, status: res.status, code: res.body.error.code }).toEqual({
        path,
        status: 404,
        code: 'not_found',
      });
    }
  });
});
