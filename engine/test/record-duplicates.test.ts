import { normalizeKey } from '../src/modules/records/record-key.normalize';
import type { FieldDuplicates } from '../src/modules/records/record-keys.service';
import type { RecordView } from '../src/modules/records/records.service';
import { countRows } from './support/quote-fixtures';
import { installLeads } from './support/leads-app';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: {
    status: number;
    code: string;
    details?: { instancePath: string; keyword: string; params: { field: string } }[];
  };
}

let app: TestApp;
let admin: string;
let rep1: string;
let rep2: string;
let formId: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  [admin, rep1, rep2] = await Promise.all([
    app.login('admin'),
    app.login('rep1'),
    app.login('rep2'),
  ]);
  formId = await installLeads(app, admin);
});

afterAll(async () => {
  await app.close();
});

const submit = (token: string, data: Record<string, unknown>) =>
  app.request<RecordView & Envelope>('POST', `/api/forms/${formId}/records`, {
    token,
    body: { data },
  });

const duplicates = (token: string, data: Record<string, unknown>, recordId?: string) =>
  app.request<{ duplicates: FieldDuplicates[] }>('POST', `/api/forms/${formId}/duplicates`, {
    token,
    body: recordId ? { data, recordId } : { data },
  });

describe('normalising values', () => {
  it.each([
    ['  Acme  Trading ', 'text', 'acme trading'],
    ['ＡＣＭＥ　Ｔｒａｄｉｎｇ', 'text', 'acme trading'],
    ['北京流云科技', 'text', '北京流云科技'],
    ['+86 138-0013-8000', 'phone', '13800138000'],
    ['0086 13800138000', 'phone', '13800138000'],
    ['+1 (415) 555-0100', 'phone', '14155550100'],
    ['（０１０）８８８８－６６６６', 'phone', '01088886666'],
    [' Li.Lei@Example.COM ', 'email', 'li.lei@example.com'],
    ['   ', 'text', null],
  ] as const)('%j as %s is %j', (value, kind, key) => {
    expect(normalizeKey(value, kind)).toBe(key);
  });
});

describe('unique fields', () => {
  it('refuses a second record with the same phone written differently, storing nothing', async () => {
    const first = await submit(rep1, { name: 'Wang Wu', mobile: '138 0013 8000' });
    expect(first.status).toBe(201);
    const before = await Promise.all([countRows(app, 'records'), countRows(app, 'audit_log')]);
    const second = await submit(rep2, { name: 'Someone', mobile: '１３８-００１３-８０００' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('duplicate_value');
    expect(second.body.error.details?.[0]).toMatchObject({
      instancePath: '/mobile',
      keyword: 'unique',
    });
    expect(await Promise.all([countRows(app, 'records'), countRows(app, 'audit_log')])).toEqual(
      before,
    );
  });

  it('answers before submit, showing the clash only to those who may see it', async () => {
    const own = await duplicates(rep1, { name: 'x', mobile: '13800138000' });
    expect(own.status).toBe(200);
    expect(own.body.duplicates).toHaveLength(1);
    expect(own.body.duplicates[0]).toMatchObject({ field: 'mobile', unique: true, blocked: true });
    expect(own.body.duplicates[0]!.records.map((r) => r.value)).toEqual(['138 0013 8000']);

    const other = await duplicates(rep2, { mobile: '13800138000' });
    // The clash is another rep's record: a duplicate exists, nothing of it is told.
    expect(other.body.duplicates).toEqual([
      { field: 'mobile', unique: true, blocked: true, records: [], elsewhere: true },
    ]);
    const free = await duplicates(rep2, { mobile: '139 0000 0000' });
    expect(free.body.duplicates).toEqual([]);
  });

  it('checks edits too, and an edit keeping its own value is no clash', async () => {
    const b = await submit(rep1, { name: 'Zhao Liu', mobile: '13900000001' });
    expect(b.status).toBe(201);
    const clash = await app.request<Envelope>('PATCH', `/api/records/${b.body.id}`, {
      token: rep1,
      headers: { 'if-match': `"${b.body.version}"` },
      body: { data: { mobile: '(138) 0013 8000' } },
    });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('duplicate_value');
    const stored: { data: { mobile: string }; version: number }[] = await app.db.query(
      'SELECT data, version FROM records WHERE id = $1',
      [b.body.id],
    );
    expect(stored[0]).toMatchObject({ data: { mobile: '13900000001' }, version: b.body.version });
    const keep = await app.request<RecordView>('PATCH', `/api/records/${b.body.id}`, {
      token: rep1,
      headers: { 'if-match': `"${b.body.version}"` },
      body: { data: { mobile: '139-0000-0001', notes: 'same phone, new notes' } },
    });
    expect(keep.status).toBe(200);
    const self = await duplicates(rep1, { mobile: '13900000001' }, b.body.id);
    expect(self.body.duplicates).toEqual([]);
  });

  it('lets exactly one of 20 concurrent submissions of one new phone in', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        submit(i % 2 === 0 ? rep1 : rep2, { name: `Racer ${i}`, mobile: '137 1111 2222' }),
      ),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const rows: { n: number }[] = await app.db.query(
      `SELECT count(*)::int AS n FROM records WHERE form_id = $1 AND data->>'mobile' = '137 1111 2222'`,
      [formId],
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('frees the value when the record is deleted', async () => {
    const c = await submit(rep1, { name: 'Temp', mobile: '13622223333' });
    expect(c.status).toBe(201);
    expect((await submit(rep1, { name: 'Temp 2', mobile: '13622223333' })).status).toBe(409);
    const del = await app.request('DELETE', `/api/records/${c.body.id}`, { token: rep1 });
    expect(del.status).toBeLessThan(300);
    expect((await submit(rep1, { name: 'Temp 3', mobile: '13622223333' })).status).toBe(201);
  });
});

describe('duplicate-checked fields (warn only)', () => {
  it('shows similar records before submit but lets the submission through', async () => {
    expect((await submit(rep1, { name: 'A', company: '北京流云科技' })).status).toBe(201);
    const warn = await duplicates(rep1, { company: ' 北京流云科技 ', email: 'nobody@x.cn' });
    expect(warn.body.duplicates).toHaveLength(1);
    expect(warn.body.duplicates[0]).toMatchObject({
      field: 'company',
      unique: false,
      blocked: false,
    });
    expect(warn.body.duplicates[0]!.records).toHaveLength(1);
    expect((await submit(rep2, { name: 'B', company: '北京流云科技' })).status).toBe(201);
    // rep2 sees only their own clash, never rep1's record.
    const seen = await duplicates(rep2, { company: '北京流云科技' });
    expect(seen.body.duplicates[0]!.records).toHaveLength(1);
  });

  it('refuses a malformed request in the envelope', async () => {
    const res = await app.request<Envelope>('POST', `/api/forms/${formId}/duplicates`, {
      token: rep1,
      body: { data: 'x' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
