import { startTestApp, type TestApp } from './support/test-app';

interface Entry {
  seq: string;
  at: string;
  actor: { id: string; username: string; displayName: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
interface Page {
  items: Entry[];
  nextAfter: string | null;
  error: { status: number; code: string; details?: { instancePath: string }[] };
}

let app: TestApp;
let admin: string;
let adminId: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login('admin');
  adminId = (await app.request<{ id: string }>('GET', '/api/me', { token: admin })).body.id;
});

afterAll(async () => {
  await app.close();
});

const audit = (query: Record<string, string>, token = admin) =>
  app.request<Page>('GET', `/api/audit?${new URLSearchParams(query).toString()}`, { token });

async function createUser(username: string): Promise<string> {
  const res = await app.request<{ id: string }>('POST', '/api/admin/users', {
    token: admin,
    body: { username, displayName: username, password: 'long-enough-1' },
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('GET /api/audit', () => {
  it('finds the rows of one entity, newest first, with the actor and the change', async () => {
    const id = await createUser('audited1');
    const patch = await app.request('PATCH', `/api/admin/users/${id}`, {
      token: admin,
      body: { displayName: 'Audited One' },
    });
    expect(patch.status).toBe(200);
    const res = await audit({ entityType: 'user', entityId: id });
    expect(res.status).toBe(200);
    expect(res.body.items.map((e) => e.action)).toEqual(['user.update', 'user.create']);
    const [update, create] = res.body.items;
    expect(update!.actor).toEqual({
      id: adminId,
      username: 'admin',
      displayName: expect.any(String),
    });
    expect(update!.before).toMatchObject({ displayName: 'audited1' });
    expect(update!.after).toMatchObject({ displayName: 'Audited One' });
    expect(create!.before).toBeNull();
    expect(BigInt(update!.seq) > BigInt(create!.seq)).toBe(true);
    expect(res.body.nextAfter).toBeNull();
  });

  it('filters by actor, by exact action and by action prefix', async () => {
    const rep = await app.login('rep1');
    const repId = (await app.request<{ id: string }>('GET', '/api/me', { token: rep })).body.id;
    await createUser('audited2');
    const byAdmin = await audit({ actorId: adminId, limit: '200' });
    expect(byAdmin.body.items.length).toBeGreaterThan(0);
    expect(byAdmin.body.items.every((e) => e.actor?.id === adminId)).toBe(true);
    const byRep = await audit({ actorId: repId.toUpperCase(), limit: '200' });
    expect(byRep.body.items.every((e) => e.actor?.id === repId)).toBe(true);
    expect(byRep.body.items.some((e) => e.entityId === 'audited2')).toBe(false);

    const creates = await audit({ action: 'user.create', limit: '200' });
    expect(creates.body.items.length).toBeGreaterThanOrEqual(2);
    expect(creates.body.items.every((e) => e.action === 'user.create')).toBe(true);
    const userActions = await audit({ action: 'user.*', limit: '200' });
    const actions = new Set(userActions.body.items.map((e) => e.action));
    expect(actions.has('user.create')).toBe(true);
    expect(actions.has('user.update')).toBe(true);
    expect([...actions].every((a) => a.startsWith('user.'))).toBe(true);
    // `_` in a prefix is a character, not a LIKE wildcard.
    const none = await audit({ action: 'user_*' });
    expect(none.body.items).toEqual([]);
  });

  it('filters by a time range (from inclusive, to exclusive)', async () => {
    const rows = ['2020-01-01T00:00:00Z', '2020-01-02T00:00:00Z', '2020-01-03T00:00:00Z'];
    for (const at of rows)
      await app.db.query(
        `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, after, at)
         VALUES (NULL, 'clock.tick', 'clock', 'c1', '{}', $1)`,
        [at],
      );
    const res = await audit({
      entityType: 'clock',
      from: '2020-01-02T00:00:00Z',
      to: '2020-01-03T00:00:00Z',
    });
    expect(res.body.items.map((e) => e.at)).toEqual(['2020-01-02T00:00:00.000Z']);
    expect(res.body.items[0]!.actor).toBeNull();
    const since = await audit({ entityType: 'clock', from: '2020-01-02T08:00:00+08:00' });
    expect(since.body.items.map((e) => e.at)).toEqual([
      '2020-01-03T00:00:00.000Z',
      '2020-01-02T00:00:00.000Z',
    ]);
  });

  it('pages newest first with a keyset cursor, no row twice and none missed', async () => {
    for (const n of [1, 2, 3, 4, 5]) await createUser(`paged${n}`);
    const all = await audit({ action: 'user.create', limit: '200' });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = (
        await audit({ action: 'user.create', limit: '2', ...(after ? { after } : {}) })
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((e) => e.seq));
      after = page.nextAfter;
      pages += 1;
    } while (after !== null && pages < 50);
    expect(seen).toEqual(all.body.items.map((e) => e.seq));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(7);
    expect(pages).toBe(Math.ceil(seen.length / 2));
    const sorted = [...seen].sort((a, b) => (BigInt(b) > BigInt(a) ? 1 : -1));
    expect(seen).toEqual(sorted);
  });

  it('keeps secrets redacted, even in rows written without the redacting writer', async () => {
    const id = await createUser('audited3');
    const reset = await app.request('POST', `/api/admin/users/${id}/password`, {
      token: admin,
      body: { password: 'another-long-1' },
    });
    expect(reset.status).toBe(200);
    await app.db.query(
      `INSERT INTO audit_log (actor_id, action, entity_type, entity_id, after)
       VALUES ($1, 'webhook.update', 'webhook', 'w1', $2)`,
      [
        adminId,
        JSON.stringify({ url: 'https://x.test', secret: 's3cr3t', nested: { apiKey: 'k1' } }),
      ],
    );
    const rows = await audit({ entityId: id });
    const text = JSON.stringify(rows.body);
    expect(text).not.toContain('another-long-1');
    expect(text).not.toContain('long-enough-1');
    expect(rows.body.items.find((e) => e.action === 'user.password_reset')!.after).toMatchObject({
      password: '[redacted]',
    });
    const hook = await audit({ entityType: 'webhook', entityId: 'w1' });
    expect(hook.body.items[0]!.after).toEqual({
      url: 'https://x.test',
      secret: '[redacted]',
      nested: { apiKey: '[redacted]' },
    });
  });

  it('answers bad filters with a coded 400', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ actorId: 'not-a-uuid' }, 'invalid_filter'],
      [{ from: 'yesterday' }, 'invalid_filter'],
      [{ to: '2020-01-01' }, 'invalid_filter'],
      [{ from: '2020-02-01T00:00:00Z', to: '2020-01-01T00:00:00Z' }, 'invalid_range'],
      [{ action: 'DROP TABLE' }, 'invalid_filter'],
      [{ entityType: 'x'.repeat(65) }, 'invalid_filter'],
      [{ after: 'abc' }, 'invalid_cursor'],
      [{ after: '0' }, 'invalid_cursor'],
      [{ limit: '0' }, 'invalid_limit'],
      [{ limit: '201' }, 'invalid_limit'],
    ];
    for (const [query, code] of cases) {
      const res = await audit(query);
      expect([JSON.stringify(query), res.status, res.body.error?.code]).toEqual([
        JSON.stringify(query),
        400,
        code,
      ]);
    }
  });

  it('is for administrators: 403 for staff, 401 without sign-in, and no rows either way', async () => {
    const rep = await app.login('rep1');
    const forbidden = await audit({}, rep);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('forbidden');
    expect(forbidden.body.items).toBeUndefined();
    const anonymous = await app.request<Page>('GET', '/api/audit');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.items).toBeUndefined();
  });
});
