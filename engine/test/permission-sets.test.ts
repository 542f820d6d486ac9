import type { PermissionSetView } from '../src/modules/access/permission-set.types';
import type { FieldDuplicates } from '../src/modules/records/record-keys.service';
import type { RecordView } from '../src/modules/records/records.service';
import { installPermsApp } from './support/perms-app';
import { startTestApp, type TestApp } from './support/test-app';

// Permission sets enforced on every surface that reads or writes records, against the
// real database. Demo org: rep1, rep2 and manager1 (sales_manager, head) in Sales;
// finance1 and admin in Headquarters, the department above.

interface Envelope {
  error: { status: number; code: string; details?: { params: Record<string, unknown> }[] };
}
type Rec = RecordView & Envelope;

let app: TestApp;
const tokens = new Map<string, string>();
const users = new Map<string, string>();
let forms: Map<string, string>;
const deals = new Map<string, string>();
const accounts = new Map<string, string>();
let repSet: PermissionSetView;

const token = (u: string) => tokens.get(u)!;
const dealForm = () => forms.get('deal')!;
const accountForm = () => forms.get('account')!;
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (
    (await app.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params)) as {
      n: number;
    }[]
  )[0]!.n;

const submit = (u: string, formId: string, data: Record<string, unknown>) =>
  app.request<Rec>('POST', `/api/forms/${formId}/records`, { token: token(u), body: { data } });
const list = (u: string, formId: string, query = '') =>
  app.request<{ items: RecordView[] } & Envelope>(
    'GET',
    `/api/forms/${formId}/records?limit=200${query}`,
    { token: token(u) },
  );
const titles = (items: RecordView[]) => items.map((r) => r.data.title as string).sort();

const repGrant = {
  deal: {
    actions: ['view', 'add', 'edit', 'export'],
    fields: { margin: 'hidden', amount: 'readonly' },
    rows: 'own',
  },
  account: {
    actions: ['view'],
    fields: { revenue: 'hidden' },
    rows: { filter: { '==': [{ var: 'region' }, 'east'] } },
  },
};

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  for (const u of ['admin', 'rep1', 'rep2', 'manager1', 'finance1'])
    tokens.set(u, await app.login(u));
  const rows: { id: string; username: string }[] = await app.db.query(
    'SELECT id, username FROM users',
  );
  for (const r of rows) users.set(r.username, r.id);
  forms = await installPermsApp(app, token('admin'));
  // Records before any set exists, so they are stored whoever may later see them.
  for (const [name, region] of [
    ['East Co', 'east'],
    ['West Co', 'west'],
  ] as const) {
    const a = await submit('admin', accountForm(), { name, region, revenue: 1_000_000 });
    expect(a.status).toBe(201);
    accounts.set(name, a.body.id);
  }
  // rep1's deal A is theirs by submission (no owner, no account); the others by owner.
  const seed: [string, string, string | null, string][] = [
    ['rep1 deal A', 'rep1', null, '13800000001'],
    ['rep1 deal B', 'admin', 'rep1', '13800000002'],
    ['rep2 deal', 'admin', 'rep2', '13800000003'],
    ['finance deal', 'admin', 'finance1', '13800000004'],
  ];
  for (const [title, by, ownerName, mobile] of seed) {
    const d = await submit(by, dealForm(), {
      title,
      ...(ownerName ? { owner: users.get(ownerName), account: accounts.get('East Co') } : {}),
      amount: 100,
      margin: 42,
      mobile,
      stage: 'new',
    });
    if (d.status !== 201) throw new Error(`seed ${title}: ${d.status} ${JSON.stringify(d.body)}`);
    deals.set(title, d.body.id);
  }
  const reps = await app.request<PermissionSetView>('POST', '/api/apps/perms_lab/permission-sets', {
    token: token('admin'),
    body: {
      key: 'reps',
      name: { zh: '销售', en: 'Reps' },
      forms: repGrant,
      assignments: [{ type: 'role', subject: 'sales_rep' }],
    },
  });
  expect(reps.status).toBe(201);
  repSet = reps.body;
  const managers = await app.request('POST', '/api/apps/perms_lab/permission-sets', {
    token: token('admin'),
    body: {
      key: 'managers',
      name: { zh: '经理', en: 'Managers' },
      forms: {
        deal: { actions: ['view', 'edit', 'delete', 'export'], rows: 'department' },
        account: { actions: ['view'], rows: 'all' },
      },
      assignments: [{ type: 'user', subject: users.get('manager1')! }],
    },
  });
  expect(managers.status).toBe(201);
});

afterAll(async () => {
  await app.close();
});

describe('the permission-set admin API', () => {
  const post = (u: string, body: unknown) =>
    app.request<PermissionSetView & Envelope>('POST', '/api/apps/perms_lab/permission-sets', {
      token: token(u),
      body,
    });
  const valid = {
    key: 'probe',
    name: { zh: '试', en: 'Probe' },
    forms: { deal: { actions: ['view'], rows: 'all' } },
    assignments: [],
  };

  it.each([
    ['a non-admin', 'rep1', valid, 403, 'forbidden'],
    ['an unknown property', 'admin', { ...valid, extra: 1 }, 400, 'validation_failed'],
    [
      'an unknown action',
      'admin',
      { ...valid, forms: { deal: { actions: ['fly'], rows: 'all' } } },
      400,
      'validation_failed',
    ],
    [
      'an unknown form',
      'admin',
      { ...valid, forms: { nope: { actions: ['view'], rows: 'all' } } },
      422,
      'unknown_form_or_field',
    ],
    [
      'an unknown field',
      'admin',
      { ...valid, forms: { deal: { actions: ['view'], rows: 'all', fields: { nope: 'hidden' } } } },
      422,
      'unknown_form_or_field',
    ],
    [
      'a bad row filter',
      'admin',
      { ...valid, forms: { deal: { actions: ['view'], rows: { filter: { no_such_op: [1] } } } } },
      422,
      'invalid_row_filter',
    ],
    [
      'an unknown role',
      'admin',
      { ...valid, assignments: [{ type: 'role', subject: 'ghost' }] },
      422,
      'unknown_subject',
    ],
    ['a taken key', 'admin', { ...valid, key: 'reps' }, 409, 'permission_set_key_taken'],
  ])(
    'refuses %s with a code, storing nothing and auditing nothing',
    async (_, u, body, status, code) => {
      const before = [await count('permission_sets'), await count('audit_log')];
      const res = await post(u, body);
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect([await count('permission_sets'), await count('audit_log')]).toEqual(before);
    },
  );

  it('A1: create, update and delete each write exactly one audit row with before and after', async () => {
    const audits = (id: string) =>
      app.db.query(
        'SELECT action, before, after FROM audit_log WHERE entity_id = $1 ORDER BY seq',
        [id],
      ) as Promise<{ action: string; before: unknown; after: { key?: string } | null }[]>;
    const created = await post('admin', valid);
    expect(created.status).toBe(201);
    expect(await audits(created.body.id)).toMatchObject([
      { action: 'permission_set.create', before: null, after: { key: 'probe' } },
    ]);
    const path = `/api/apps/perms_lab/permission-sets/${created.body.id}`;
    const updated = await app.request<PermissionSetView>('PATCH', path, {
      token: token('admin'),
      body: { assignments: [{ type: 'role', subject: 'finance' }] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      revision: 2,
      assignments: [{ type: 'role', subject: 'finance' }],
    });
    expect((await audits(created.body.id)).map((a) => a.action)).toEqual([
      'permission_set.create',
      'permission_set.update',
    ]);
    const refused = await app.request<Envelope>('PATCH', path, {
      token: token('admin'),
      body: { assignments: [{ type: 'user', subject: '00000000-0000-4000-8000-000000000000' }] },
    });
    expect(refused.status).toBe(422);
    expect((await audits(created.body.id)).length).toBe(2);
    expect((await app.request('DELETE', path, { token: token('admin') })).status).toBe(204);
    expect((await audits(created.body.id)).map((a) => a.action)).toEqual([
      'permission_set.create',
      'permission_set.update',
      'permission_set.delete',
    ]);
    expect(await count('permission_sets', 'id = $1', [created.body.id])).toBe(0);
    expect((await app.request('GET', path, { token: token('admin') })).status).toBe(404);
  });

  it('lists the sets of the app with their assignments', async () => {
    const res = await app.request<PermissionSetView[]>(
      'GET',
      '/api/apps/perms_lab/permission-sets',
      {
        token: token('admin'),
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.map((s) => s.key)).toEqual(['managers', 'reps']);
    expect(res.body.find((s) => s.key === 'reps')).toMatchObject({
      forms: repGrant,
      assignments: [{ type: 'role', subject: 'sales_rep' }],
    });
  });
});

describe('rows: lists, search, kanban and single reads', () => {
  it('a rep lists their own deals (submitted or owned); a manager their department; an admin all', async () => {
    expect(titles((await list('rep1', dealForm())).body.items)).toEqual([
      'rep1 deal A',
      'rep1 deal B',
    ]);
    expect(titles((await list('rep2', dealForm())).body.items)).toEqual(['rep2 deal']);
    expect(titles((await list('manager1', dealForm())).body.items)).toEqual([
      'rep1 deal A',
      'rep1 deal B',
      'rep2 deal',
    ]);
    expect((await list('admin', dealForm())).body.items).toHaveLength(4);
  });

  it('someone without a grant on the form is refused the list (403)', async () => {
    const res = await list('finance1', dealForm());
    expect(res.status).toBe(403);
    expect(res.body.items).toBeUndefined();
  });

  it('search and kanban counts stay inside the rows', async () => {
    const searched = await list('rep2', dealForm(), `&search=${encodeURIComponent('deal')}`);
    expect(titles(searched.body.items)).toEqual(['rep2 deal']);
    const groups = await app.request<{ groups: { value: string | null; count: number }[] }>(
      'GET',
      `/api/forms/${dealForm()}/records/groups?field=stage`,
      { token: token('rep1') },
    );
    expect(groups.status).toBe(200);
    expect(groups.body.groups.find((g) => g.value === 'new')?.count).toBe(2);
  });

  it('a JSON Logic row filter keeps the east accounts only', async () => {
    const res = await app.request<{ items: RecordView[] }>(
      'GET',
      `/api/forms/${accountForm()}/records`,
      { token: token('rep1') },
    );
    expect(res.body.items.map((r) => r.data.name)).toEqual(['East Co']);
    const west = await app.request('GET', `/api/records/${accounts.get('West Co')}`, {
      token: token('rep1'),
    });
    expect(west.status).toBe(404);
  });

  it('a filter can read $user: accounts owned by the viewer', async () => {
    const path = `/api/apps/perms_lab/permission-sets/${repSet.id}`;
    const byOwner = {
      ...repGrant,
      account: {
        ...repGrant.account,
        rows: { filter: { '==': [{ var: 'owner' }, { var: '$user.id' }] } },
      },
    };
    expect(
      (await app.request('PATCH', path, { token: token('admin'), body: { forms: byOwner } }))
        .status,
    ).toBe(200);
    const owned = await submit('admin', accountForm(), {
      name: 'Rep2 Own Co',
      region: 'west',
      owner: users.get('rep2'),
    });
    try {
      const names = async (u: string) =>
        (await list(u, accountForm())).body.items.map((r) => r.data.name);
      expect(await names('rep2')).toEqual(['Rep2 Own Co']);
      expect(await names('rep1')).toEqual([]);
    } finally {
      await app.request('PATCH', path, { token: token('admin'), body: { forms: repGrant } });
      await app.request('DELETE', `/api/records/${owned.body.id}`, { token: token('admin') });
    }
  });

  it('reading another rep’s deal is 404; the manager reads it', async () => {
    const id = deals.get('rep2 deal');
    expect((await app.request('GET', `/api/records/${id}`, { token: token('rep1') })).status).toBe(
      404,
    );
    expect(
      (await app.request('GET', `/api/records/${id}`, { token: token('manager1') })).status,
    ).toBe(200);
    const outside = deals.get('finance deal');
    expect(
      (await app.request('GET', `/api/records/${outside}`, { token: token('manager1') })).status,
    ).toBe(404);
  });
});

describe('fields: hidden fields are never answered, nor filtered or sorted by', () => {
  it('drops the margin from the rep’s list and record, keeps it for the manager', async () => {
    const items = (await list('rep1', dealForm())).body.items;
    expect(items.every((r) => !('margin' in r.data) && r.data.amount === 100)).toBe(true);
    const one = await app.request<RecordView>('GET', `/api/records/${deals.get('rep1 deal A')}`, {
      token: token('rep1'),
    });
    expect(one.body.data).not.toHaveProperty('margin');
    expect(JSON.stringify(one.body)).not.toContain('"margin"');
    const managers = (await list('manager1', dealForm())).body.items;
    expect(managers.every((r) => r.data.margin === 42)).toBe(true);
  });

  it('refuses filtering or sorting by a hidden field (it would tell its values)', async () => {
    const filter = encodeURIComponent(JSON.stringify([{ field: 'margin', op: 'gt', value: 40 }]));
    const filtered = await list('rep1', dealForm(), `&filter=${filter}`);
    expect(filtered.status).toBe(403);
    expect(filtered.body.error.code).toBe('field_hidden');
    const sorted = await list('rep1', dealForm(), '&sort=margin:desc');
    expect(sorted.status).toBe(403);
  });
});

describe('export', () => {
  const exportCsv = (u: string) =>
    app.request<string>('GET', `/api/forms/${dealForm()}/export?format=csv&lang=en`, {
      token: token(u),
    });

  it('exports the rep’s own rows without the hidden column', async () => {
    const res = await exportCsv('rep1');
    expect(res.status).toBe(200);
    expect(res.body).toContain('rep1 deal A');
    expect(res.body).toContain('rep1 deal B');
    expect(res.body).not.toContain('rep2 deal');
    expect(res.body).not.toContain('finance deal');
    expect(res.body.split('\n')[0]).not.toContain('Margin');
    const manager = await exportCsv('manager1');
    expect(manager.body).toContain('rep2 deal');
    expect(manager.body.split('\n')[0]).toContain('Margin');
  });

  it('refuses export without the export action', async () => {
    expect((await exportCsv('finance1')).status).toBe(403);
  });
});

describe('S7: writes the user may not make are refused, nothing stored', () => {
  const patch = async (u: string, id: string, data: Record<string, unknown>) => {
    const current = await app.request<RecordView>('GET', `/api/records/${id}`, {
      token: token('admin'),
    });
    return app.request<Rec>('PATCH', `/api/records/${id}`, {
      token: token(u),
      body: { data },
      headers: { 'if-match': `"${current.body.version}"` },
    });
  };
  const stored = async (id: string) =>
    (
      (await app.db.query('SELECT data, version FROM records WHERE id = $1', [id])) as {
        data: Record<string, unknown>;
        version: number;
      }[]
    )[0]!;

  it.each([
    ['a read-only field for the rep', { amount: 1 }, 'readonly'],
    ['a hidden field', { margin: 1 }, 'hidden'],
    ['a field the form keeps read-only (status)', { status: 'approved' }, 'readonly'],
    ['createdBy', { createdBy: '00000000-0000-4000-8000-000000000000' }, 'system'],
    ['ownerId', { ownerId: '00000000-0000-4000-8000-000000000000' }, 'system'],
    ['id and version', { id: '00000000-0000-4000-8000-000000000000', version: 99 }, 'system'],
  ])('edit setting %s: 403 field_not_writable', async (_, data, reason) => {
    const id = deals.get('rep1 deal A')!;
    const before = [await stored(id), await count('audit_log')];
    const res = await patch('rep1', id, { title: 'changed', ...data });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('field_not_writable');
    expect(res.body.error.details?.[0]?.params).toMatchObject({ reason });
    expect([await stored(id), await count('audit_log')]).toEqual(before);
  });

  it('a submission setting a read-only, hidden or system field stores nothing', async () => {
    const before = [await count('records'), await count('audit_log')];
    for (const extra of [
      { amount: 5 },
      { margin: 5 },
      { status: 'won' },
      { created_by: users.get('rep2') },
    ]) {
      const res = await submit('rep1', dealForm(), { title: 'sneaky', ...extra });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('field_not_writable');
    }
    expect([await count('records'), await count('audit_log')]).toEqual(before);
  });

  it('the rep edits an editable field of their own deal, sending back read-only values unchanged', async () => {
    const id = deals.get('rep1 deal A')!;
    const res = await patch('rep1', id, { title: 'rep1 deal A', amount: 100, stage: 'won' });
    expect(res.status).toBe(200);
    const after = await stored(id);
    expect(after.data).toMatchObject({ stage: 'won', margin: 42, amount: 100 });
  });

  it('edits and deletes follow the action and the rows', async () => {
    expect((await patch('rep1', deals.get('rep2 deal')!, { stage: 'lost' })).status).toBe(404);
    expect((await patch('manager1', deals.get('rep2 deal')!, { stage: 'lost' })).status).toBe(200);
    expect((await stored(deals.get('rep2 deal')!)).data.stage).toBe('lost');
    const del = (u: string, id: string) =>
      app.request('DELETE', `/api/records/${id}`, { token: token(u) });
    expect((await del('rep1', deals.get('rep1 deal B')!)).status).toBe(403);
    expect((await del('manager1', deals.get('finance deal')!)).status).toBe(404);
    expect(
      await count('records', 'id = $1 AND deleted_at IS NULL', [deals.get('rep1 deal B')]),
    ).toBe(1);
  });
});

describe('pickers and related lists', () => {
  it('the account picker offers the rows the rep may see', async () => {
    const res = await app.request<{ items: { id: string; display: unknown }[] }>(
      'GET',
      `/api/forms/${dealForm()}/fields/account/candidates`,
      { token: token('rep1') },
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.display)).toEqual(['East Co']);
  });

  it('linking an account the rep may not see is refused', async () => {
    const res = await submit('rep1', dealForm(), {
      title: 'west link',
      account: accounts.get('West Co'),
    });
    expect(res.status).toBe(400);
    expect(await count('records', `data ->> 'title' = 'west link'`)).toBe(0);
  });

  it('the related list shows only the rep’s deals, without hidden columns', async () => {
    const res = await app.request<{ items: { id: string; data: Record<string, unknown> }[] }>(
      'GET',
      `/api/records/${accounts.get('East Co')}/related/deals`,
      { token: token('rep1') },
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((i) => i.data.title)).toEqual(['rep1 deal B']);
    expect(res.body.items.every((i) => !('margin' in i.data) && i.data.amount === 100)).toBe(true);
    const manager = await app.request<{ items: unknown[] }>(
      'GET',
      `/api/records/${accounts.get('East Co')}/related/deals`,
      { token: token('manager1') },
    );
    expect(manager.body.items).toHaveLength(2);
  });
});

describe('duplicate checks', () => {
  const check = (u: string, mobile: string) =>
    app.request<{ duplicates: FieldDuplicates[] }>('POST', `/api/forms/${dealForm()}/duplicates`, {
      token: token(u),
      body: { data: { mobile } },
    });

  it('answers “a duplicate exists” for a record the rep may not see, without its data', async () => {
    const res = await check('rep1', '138 0000 0003');
    expect(res.status).toBe(200);
    expect(res.body.duplicates).toEqual([
      { field: 'mobile', unique: false, blocked: false, records: [], elsewhere: true },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(deals.get('rep2 deal'));
  });

  it('shows the rep’s own duplicate', async () => {
    const res = await check('rep1', '13800000001');
    expect(res.body.duplicates[0]).toMatchObject({
      records: [{ id: deals.get('rep1 deal A') }],
      elsewhere: false,
    });
  });
});

describe('dashboards', () => {
  it('counts and sums only what the viewer may see; a chart over a hidden field tells nothing', async () => {
    const created = await app.request<{ id: string }>('POST', '/api/apps/perms_lab/dashboards', {
      token: token('admin'),
      body: {
        key: 'deals',
        name: { zh: '商机', en: 'Deals' },
        charts: [
          {
            id: 'n',
            title: { zh: '数', en: 'Count' },
            type: 'number',
            query: { kind: 'group', form: 'deal', measure: { op: 'count' } },
          },
          {
            id: 'm',
            title: { zh: '毛利', en: 'Margin' },
            type: 'number',
            query: { kind: 'group', form: 'deal', measure: { op: 'sum', field: 'margin' } },
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const data = async (u: string) => {
      const res = await app.request<{
        charts: { chartId: string; rows: { value: number | null }[] }[];
      }>('GET', `/api/dashboards/${created.body.id}/data`, { token: token(u) });
      expect(res.status).toBe(200);
      return new Map(res.body.charts.map((c) => [c.chartId, c.rows[0]?.value ?? null]));
    };
    const admin = await data('admin');
    expect(admin.get('n')).toBe(4);
    expect(admin.get('m')).toBe(168);
    const rep = await data('rep1');
    expect(rep.get('n')).toBe(2);
    expect(rep.get('m')).toBeNull();
    const manager = await data('manager1');
    expect(manager.get('n')).toBe(3);
    expect(manager.get('m')).toBe(126);
  });
});

describe('import', () => {
  it('refuses an import without the import action', async () => {
    const res = await app.request<Envelope>('POST', `/api/forms/${dealForm()}/imports?format=csv`, {
      token: token('rep1'),
      rawBody: 'Title\nx\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(403);
    expect(await count('record_imports')).toBe(0);
  });
});
