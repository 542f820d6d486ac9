import { countRows } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string; details?: { instancePath: string; message: string }[] };
}
interface UserView {
  id: string;
  username: string;
  departmentId: string | null;
  roles: string[];
  disabled: boolean;
}
interface Dept {
  id: string;
  name: string;
  parentId: string | null;
  headUserId: string | null;
}

let app: TestApp;
let admin: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.login('admin');
});

afterAll(async () => {
  await app.close();
});

const as = <T>(method: string, path: string, body?: unknown, token = admin) =>
  app.request<T & Envelope>(method, path, { token, ...(body !== undefined ? { body } : {}) });

describe('users', () => {
  it('creates a user who can sign in, with roles and a department', async () => {
    const depts = await as<Dept[]>('GET', '/api/admin/departments');
    const sales = depts.body.find((d) => d.name.includes('Sales'))!;
    const res = await as<UserView>('POST', '/api/admin/users', {
      username: 'rep9',
      displayName: 'Rep Nine',
      password: 'long-enough-1',
      departmentId: sales.id,
      roles: ['sales_rep'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      username: 'rep9',
      departmentId: sales.id,
      roles: ['sales_rep'],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
    const token = await app.login('rep9', 'long-enough-1');
    const me = await app.request<{ roles: string[] }>('GET', '/api/me', { token });
    expect(me.body.roles).toEqual(['sales_rep']);
  });

  it('refuses a taken username, a short password, an unknown role, and stores nothing', async () => {
    const users = await countRows(app, 'audit_log');
    for (const [body, code] of [
      [{ username: 'REP1', displayName: 'x', password: 'long-enough-1' }, 'username_taken'],
      [{ username: 'new1', displayName: 'x', password: 'short' }, 'validation_failed'],
      [
        { username: 'new1', displayName: 'x', password: 'long-enough-1', roles: ['ghost'] },
        'unknown_role',
      ],
      [
        { username: 'new1', displayName: 'x', password: 'long-enough-1', id: 'x' },
        'validation_failed',
      ],
    ] as const) {
      const res = await as('POST', '/api/admin/users', body);
      expect(res.body.error.code).toBe(code);
    }
    expect(await countRows(app, 'audit_log')).toBe(users);
    const found: unknown[] = await app.db.query(`SELECT 1 FROM users WHERE username = 'new1'`);
    expect(found).toHaveLength(0);
  });

  it('is for administrators only', async () => {
    const rep = await app.login('rep1');
    expect((await as('GET', '/api/admin/users', undefined, rep)).status).toBe(403);
    expect((await app.request('GET', '/api/admin/users')).status).toBe(401);
  });

  it('does not let an administrator lock themself out', async () => {
    const me = await app.request<{ id: string }>('GET', '/api/me', { token: admin });
    const res = await as('PATCH', `/api/admin/users/${me.body.id}`, { disabled: true });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('cannot_lock_out_self');
  });

  it('searches by username and name', async () => {
    const res = await as<{ items: UserView[] }>('GET', '/api/admin/users?search=legal');
    expect(res.body.items.map((u) => u.username)).toEqual(['legal1', 'legal2']);
  });

  it('lists the holders of a role', async () => {
    const res = await as<{ items: UserView[] }>('GET', '/api/admin/users?role=legal');
    expect(res.body.items.map((u) => u.username)).toEqual(['legal1', 'legal2']);
    expect(res.body.items.every((u) => u.roles.includes('legal'))).toBe(true);
  });
});

describe('departments as a tree with heads', () => {
  it('creates a sub-department with a head, refuses cycles and deleting non-empty ones', async () => {
    const depts = (await as<Dept[]>('GET', '/api/admin/departments')).body;
    const hq = depts.find((d) => d.parentId === null)!;
    const users = await as<{ items: UserView[] }>('GET', '/api/admin/users?search=manager1');
    const head = users.body.items[0]!;
    const east = await as<Dept>('POST', '/api/admin/departments', {
      name: 'East',
      parentId: hq.id,
      headUserId: head.id,
    });
    expect(east.status).toBe(201);
    const south = await as<Dept>('POST', '/api/admin/departments', {
      name: 'South',
      parentId: east.body.id,
    });
    const cycle = await as('PATCH', `/api/admin/departments/${east.body.id}`, {
      parentId: south.body.id,
    });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('department_cycle');
    const self = await as('PATCH', `/api/admin/departments/${east.body.id}`, {
      parentId: east.body.id,
    });
    expect(self.body.error.code).toBe('department_cycle');
    expect((await as('DELETE', `/api/admin/departments/${east.body.id}`)).body.error.code).toBe(
      'department_has_children',
    );
    expect((await as('DELETE', `/api/admin/departments/${south.body.id}`)).status).toBe(204);
    const after = (await as<Dept[]>('GET', '/api/admin/departments')).body;
    expect(after.find((d) => d.id === east.body.id)).toMatchObject({
      headUserId: head.id,
      parentId: hq.id,
    });
    expect(after.some((d) => d.id === south.body.id)).toBe(false);
  });
});

describe('roles', () => {
  it('creates, renames and deletes an unused role; refuses deleting a held one', async () => {
    const created = await as<{ id: string }>('POST', '/api/admin/roles', {
      key: 'support_desk',
      name: { zh: '客服', en: 'Service' },
    });
    expect(created.status).toBe(201);
    expect(
      (await as('POST', '/api/admin/roles', { key: 'support_desk', name: { zh: 'a', en: 'a' } }))
        .status,
    ).toBe(409);
    const renamed = await as<{ name: { en: string } }>(
      'PATCH',
      `/api/admin/roles/${created.body.id}`,
      {
        name: { zh: '售后', en: 'After-sales' },
      },
    );
    expect(renamed.body.name.en).toBe('After-sales');
    const roles = (await as<{ id: string; key: string }[]>('GET', '/api/admin/roles')).body;
    const legal = roles.find((r) => r.key === 'legal')!;
    expect((await as('DELETE', `/api/admin/roles/${legal.id}`)).body.error.code).toBe(
      'role_in_use',
    );
    expect((await as('DELETE', `/api/admin/roles/${created.body.id}`)).status).toBe(204);
  });
});

describe('CSV import of users', () => {
  it('reports every bad row and imports nothing, then imports a clean file', async () => {
    const before = await countRows(app, 'audit_log');
    const bad = [
      'username,displayName,password,department,roles',
      'csv1,One,long-enough-1,销售部 Sales,sales_rep',
      'rep1,Taken,long-enough-1,,',
      'csv2,Two,short,Nowhere,ghost',
      '"csv3","Three, with comma",long-enough-1,,sales_rep;finance',
      'csv1,Again,long-enough-1,,',
    ].join('\n');
    const res = await as('POST', '/api/admin/users/import', { csv: bad });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('import_invalid');
    const paths = res.body.error.details!.map((d) => d.instancePath).sort();
    expect(paths).toEqual([
      '/rows/3/username',
      '/rows/4/department',
      '/rows/4/password',
      '/rows/4/roles',
      '/rows/6/username',
    ]);
    expect(await countRows(app, 'audit_log')).toBe(before);
    const none: unknown[] = await app.db.query(`SELECT 1 FROM users WHERE username LIKE 'csv%'`);
    expect(none).toHaveLength(0);

    const good = await as<{ created: number; users: UserView[] }>(
      'POST',
      '/api/admin/users/import',
      {
        csv: bad
          .split('\n')
          .filter((_l, i) => [0, 1, 4].includes(i))
          .join('\r\n'),
      },
    );
    expect(good.status).toBe(201);
    expect(good.body.created).toBe(2);
    expect(good.body.users.find((u) => u.username === 'csv3')!.roles).toEqual([
      'finance',
      'sales_rep',
    ]);
    expect(await countRows(app, 'audit_log')).toBe(before + 1);
    await app.login('csv3', 'long-enough-1');
  });
});
