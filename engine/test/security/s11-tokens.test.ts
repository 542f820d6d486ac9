import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { TokenService } from '../../src/modules/identity/token.service';
import { countRows, formIdOf, quoteData } from '../support/quote-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
let secret: string;
let rep1: string;
let quoteForm: string;

beforeAll(async () => {
  app = await startTestApp();
  quoteForm = await formIdOf(app, await app.login('admin'), 'quote');
  const s: { value: string }[] = await app.db.query(
    `SELECT value FROM settings WHERE key = 'token_secret'`,
  );
  secret = s[0]!.value;
  const rows: { id: string }[] = await app.db.query(`SELECT id FROM users WHERE username = 'rep1'`);
  rep1 = rows[0]!.id;
});

afterAll(async () => {
  await app.close();
});

const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const claims = (extra: object = {}): object => ({ ims: Date.now() - 1000, ...extra });
const sign = (payload: object, opts: jwt.SignOptions = {}): string => {
  const options: jwt.SignOptions = {
    algorithm: 'HS256',
    subject: rep1,
    jwtid: randomUUID(),
    expiresIn: 600,
    ...opts,
  };
  // `undefined` in the options means "leave this claim out".
  for (const k of Object.keys(options) as (keyof jwt.SignOptions)[])
    if (options[k] === undefined) delete options[k];
  return jwt.sign(payload, secret, options);
};

/** A submission (state-changing) with the token: must answer 401 and store nothing. */
async function submitWith(token: string): Promise<number> {
  const before = await Promise.all([countRows(app, 'records'), countRows(app, 'audit_log')]);
  const res = await app.request<{ error: { code: string } }>(
    'POST',
    `/api/forms/${quoteForm}/records`,
    { token, body: { data: quoteData(5, 'S11 should not exist') } },
  );
  const after = await Promise.all([countRows(app, 'records'), countRows(app, 'audit_log')]);
  expect(after).toEqual(before);
  if (res.status === 401) expect(res.body.error.code).toBe('unauthenticated');
  return res.status;
}

describe('S11: expired, tampered and alg:none tokens answer 401 and change nothing', () => {
  it.each([
    ['alg none', () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: rep1, ...claims() })}.`],
    [
      'alg none with a signature part',
      () => `${b64({ alg: 'none' })}.${b64({ sub: rep1, jti: randomUUID(), ...claims() })}.AAAA`,
    ],
    [
      'a tampered payload (another user)',
      () => {
        const [h, , sig] = sign(claims()).split('.');
        return `${h}.${b64({ sub: randomUUID(), ...claims() })}.${sig}`;
      },
    ],
    [
      'a tampered signature',
      () => {
        const t = sign(claims());
        return `${t.slice(0, -4)}${t.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
      },
    ],
    [
      'an expired token',
      () => sign(claims({ exp: Math.floor(Date.now() / 1000) - 5 }), { expiresIn: undefined }),
    ],
    ['HS512 instead of HS256', () => sign(claims(), { algorithm: 'HS512' })],
    [
      'another secret',
      () =>
        jwt.sign(claims(), 'not-the-secret', {
          algorithm: 'HS256',
          subject: rep1,
          jwtid: randomUUID(),
        }),
    ],
    ['a token without an id', () => sign(claims(), { jwtid: undefined })],
    ['a token of an unknown user', () => sign(claims(), { subject: randomUUID() })],
  ])('refuses %s', async (_name, make) => {
    expect(await submitWith(make())).toBe(401);
  });

  it('accepts a well-signed token (the control)', async () => {
    const res = await app.request('GET', '/api/me', { token: sign(claims()) });
    expect(res.status).toBe(200);
  });

  it('refuses a signed-out token, also on a process that never saw the sign-out', async () => {
    const token = await app.login('rep1');
    expect((await app.request('GET', '/api/me', { token })).status).toBe(200);
    const out = await app.request('POST', '/api/auth/logout', { token });
    expect(out.status).toBe(200);
    expect(await submitWith(token)).toBe(401);
    // Another engine process: a TokenService of its own, sharing only the database.
    const other = new TokenService(app.db, { tokenTtlSeconds: 3600 } as never);
    expect(await other.verify(token)).toBeNull();
    expect(await other.verify(await app.login('rep1'))).not.toBeNull();
  });

  it('refuses every earlier token after a password reset and after disabling', async () => {
    const admin = await app.login('admin');
    const before = await app.login('rep2');
    const rep2: { id: string }[] = await app.db.query(
      `SELECT id FROM users WHERE username = 'rep2'`,
    );
    const reset = await app.request('POST', `/api/admin/users/${rep2[0]!.id}/password`, {
      token: admin,
      body: { password: 'a-new-passphrase' },
    });
    expect(reset.status).toBe(200);
    expect((await app.request('GET', '/api/me', { token: before })).status).toBe(401);
    const fresh = await app.login('rep2', 'a-new-passphrase');
    expect((await app.request('GET', '/api/me', { token: fresh })).status).toBe(200);
    const disable = await app.request('PATCH', `/api/admin/users/${rep2[0]!.id}`, {
      token: admin,
      body: { disabled: true },
    });
    expect(disable.status).toBe(200);
    expect((await app.request('GET', '/api/me', { token: fresh })).status).toBe(401);
    const login = await app.request('POST', '/api/auth/login', {
      body: { username: 'rep2', password: 'a-new-passphrase' },
    });
    expect(login.status).toBe(401);
  });
});

describe('login rate limit (per username and address, in the database)', () => {
  it('locks a username after five failures from one address, even for the right password', async () => {
    const attempt = (password: string) =>
      app.request<{ error: { code: string } }>('POST', '/api/auth/login', {
        body: { username: 'legal2', password },
      });
    for (let i = 0; i < 5; i += 1) expect((await attempt(`wrong-${i}`)).status).toBe(401);
    const locked = await attempt('demo');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('too_many_attempts');
    // Other users are not locked out by it.
    expect(
      (
        await app.request('POST', '/api/auth/login', {
          body: { username: 'legal1', password: 'demo' },
        })
      ).status,
    ).toBe(200);
    // The lock is a row every process reads; when it lapses the right password works again.
    await app.db.query(`UPDATE login_throttle SET locked_until = now() - interval '1 second'`);
    expect((await attempt('demo')).status).toBe(200);
    const left: unknown[] = await app.db.query(
      `SELECT 1 FROM login_throttle WHERE key LIKE 'legal2|%'`,
    );
    expect(left).toHaveLength(0);
  });
});
