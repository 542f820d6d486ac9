import type { AppDefinition, FieldSchema, FileRef, FormDefinition } from '@liuyun/definitions';
import {
  customerForm,
  everyFieldForm,
  everyFieldSubmission,
  followupForm,
} from '../../packages/definitions/test/fixtures/every-field.form';
import type { RecordView } from '../src/modules/records/records.service';
import { countRows, formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string; details?: { instancePath: string; keyword: string }[] };
}

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The every-field form with a member pool limited to sales managers and options from customers. */
function testForm(): FormDefinition {
  const form = structuredClone(everyFieldForm);
  const props = form.schema.properties;
  props.watchers = { ...props.watchers!, 'x-scope': { roles: ['sales_manager'] } };
  props.source_level = {
    type: 'string',
    'x-widget': 'select',
    'x-label': { zh: '来源级别', en: 'Source level' },
    'x-options-from': { form: 'customer', field: 'level' },
  } as FieldSchema;
  form.layout.push('source_level');
  return form;
}

const app: AppDefinition = {
  key: 'fieldlab',
  name: { zh: '字段实验', en: 'Field lab' },
  forms: [{ form: customerForm }, { form: testForm() }, { form: followupForm }],
};

let t: TestApp;
let admin: string;
let rep1: string;
let rep2: string;
let manager1: string;
let forms: Map<string, string>;
let users: Map<string, string>;
let customerId: string;

async function upload(
  token: string,
  bytes: Buffer,
  name: string,
  type: string,
  target?: { form: string; field: string },
) {
  const query = target ? `?form=${target.form}&field=${encodeURIComponent(target.field)}` : '';
  const res = await fetch(`${t.baseUrl}/api/files${query}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': type,
      'x-file-name': encodeURIComponent(name),
    },
    body: new Uint8Array(bytes),
  });
  return { status: res.status, body: (await res.json()) as FileRef & Envelope };
}

async function download(token: string, id: string) {
  const res = await fetch(`${t.baseUrl}/api/files/${id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

const every = () => forms.get('every_field')!;
const submit = (token: string, data: Record<string, unknown>) =>
  t.request<RecordView & Envelope>('POST', `/api/forms/${every()}/records`, {
    token,
    body: { data },
  });

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  admin = await t.login('admin');
  rep1 = await t.login('rep1');
  rep2 = await t.login('rep2');
  manager1 = await t.login('manager1');
  const res = await t.request<{ forms: { id: string; key: string }[] }>('POST', '/api/apps', {
    token: admin,
    body: app,
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  forms = new Map(res.body.forms.map((f) => [f.key, f.id]));
  const rows: { id: string; username: string }[] = await t.db.query(
    'SELECT id, username FROM users',
  );
  users = new Map(rows.map((r) => [r.username, r.id]));
  const customer = await t.request<RecordView>(
    'POST',
    `/api/forms/${forms.get('customer')}/records`,
    {
      token: rep1,
      body: { data: { name: 'ACME', phone: '0571-1234', level: 'gold' } },
    },
  );
  customerId = customer.body.id;
});

afterAll(async () => {
  await t.close();
});

/** A valid submission for rep1 with freshly uploaded files. */
async function validData(): Promise<Record<string, unknown>> {
  const pdf = await upload(rep1, Buffer.from('%PDF-1.4 test'), 'offer.pdf', 'application/pdf', {
    form: every(),
    field: 'files',
  });
  const signature = await upload(rep1, PNG, 'sign.png', 'image/png', {
    form: every(),
    field: 'signature',
  });
  const departments: { id: string }[] = await t.db.query('SELECT id FROM departments LIMIT 1');
  return {
    ...everyFieldSubmission,
    title: 'ACME',
    owner: users.get('rep1'),
    watchers: [users.get('manager1')],
    team: departments[0]!.id,
    customer: customerId,
    customer_phone: 'forged by the client',
    files: [{ ...pdf.body, name: 'renamed-by-client.exe', size: 1 }],
    signature: signature.body,
    source_level: 'gold',
  };
}

describe('files', () => {
  it('refuses files over the field limit (413) and of types the field does not take (415)', async () => {
    const big = await upload(rep1, Buffer.alloc(1024 * 1024 + 1, 1), 'big.pdf', 'application/pdf', {
      form: every(),
      field: 'files',
    });
    expect([big.status, big.body.error.code]).toEqual([413, 'file_too_large']);
    const exe = await upload(rep1, Buffer.from('MZ'), 'tool.exe', 'application/x-msdownload', {
      form: every(),
      field: 'files',
    });
    expect([exe.status, exe.body.error.code]).toEqual([415, 'unsupported_file_type']);
    // An image field looks at the bytes: text claiming to be a PNG is refused.
    const fake = await upload(rep1, Buffer.from('<svg onload=alert(1)>'), 'x.png', 'image/png', {
      form: every(),
      field: 'photos',
    });
    expect(fake.status).toBe(415);
    const notFile = await upload(rep1, PNG, 'x.png', 'image/png', {
      form: every(),
      field: 'title',
    });
    expect([notFile.status, notFile.body.error.code]).toEqual([400, 'invalid_field']);
  });

  it('lets only the uploader read a file until a record takes it', async () => {
    const file = await upload(rep1, Buffer.from('hello'), 'hello.txt', 'text/plain', {
      form: every(),
      field: 'files',
    });
    expect(file.status).toBe(201);
    expect((await download(rep1, file.body.id)).bytes.toString()).toBe('hello');
    expect((await download(rep2, file.body.id)).status).toBe(404);
    const view = await download(rep1, file.body.id);
    expect(view.headers.get('content-disposition')).toContain("filename*=UTF-8''hello.txt");
    expect(view.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('submitting every field type', () => {
  let record: RecordView;

  it('stores the record with copies, linkage, file facts and a serial number set by the server', async () => {
    const res = await submit(rep1, await validData());
    expect(res.status).toBe(201);
    record = res.body;
    const data = record.data;
    expect(data.customer_phone).toBe('0571-1234');
    expect(data.segment).toBe('gold');
    const files = data.files as unknown as FileRef[];
    expect(files[0]).toMatchObject({ name: 'offer.pdf', type: 'application/pdf', size: 13 });
    expect((data.signature as unknown as FileRef).type).toBe('image/png');
    expect(data.number).toMatch(/^EF-\d{6}-0001$/);
    expect(data.total).toBe(200.5);
    for (const key of ['help', 'basics', 'more', 'history']) expect(data).not.toHaveProperty(key);
  });

  it('lets readers of the record download its files, and nobody else', async () => {
    const id = (record.data.files as unknown as FileRef[])[0]!.id;
    expect((await download(rep1, id)).status).toBe(200);
    expect((await download(admin, id)).status).toBe(200);
    // rep1 is in Sales; manager1 heads it and may read rep1's records.
    expect((await download(manager1, id)).status).toBe(200);
    expect((await download(rep2, id)).status).toBe(404);
  });

  it.each([
    ['a watcher outside the pool (not a sales manager)', { watchers: ['rep2'] }, '/watchers'],
    ['an owner who does not exist', { owner: '00000000-0000-4000-8000-000000000000' }, '/owner'],
    [
      'a linked record that does not exist',
      { customer: '00000000-0000-4000-8000-000000000000' },
      '/customer',
    ],
    ['an option the source form does not have', { source_level: 'platinum' }, '/source_level'],
    [
      'a file id never uploaded',
      {
        files: [
          { id: '00000000-0000-4000-8000-000000000000', name: 'a', size: 1, type: 'text/plain' },
        ],
      },
      '/files',
    ],
  ])('refuses %s and stores nothing', async (_name, change, path) => {
    const data = await validData();
    const patch = Object.fromEntries(
      Object.entries(change).map(([k, v]) => [
        k,
        Array.isArray(v) ? v.map((u) => users.get(String(u)) ?? u) : v,
      ]),
    );
    const before = await countRows(t, 'records');
    const res = await submit(rep1, { ...data, ...patch });
    expect(res.status).toBe(400);
    expect(res.body.error.details?.map((d) => d.instancePath)).toContain(path);
    expect(await countRows(t, 'records')).toBe(before);
  });

  it('refuses a file another user uploaded', async () => {
    const theirs = await upload(rep2, Buffer.from('%PDF-1.4 x'), 'x.pdf', 'application/pdf', {
      form: every(),
      field: 'files',
    });
    const res = await submit(rep1, { ...(await validData()), files: [theirs.body] });
    expect([res.status, res.body.error.details?.[0]?.keyword]).toEqual([400, 'reference']);
  });

  it('keeps the serial number on edits and numbers the next record after it', async () => {
    // S7: a forged serial number is refused whole, nothing stored.
    const forged = await t.request<RecordView & { error: { code: string } }>(
      'PATCH',
      `/api/records/${record.id}`,
      {
        token: rep1,
        headers: { 'if-match': `"${record.version}"` },
        body: { data: { notes: 'edited', number: 'EF-forged' } },
      },
    );
    expect([forged.status, forged.body.error.code]).toEqual([403, 'field_not_writable']);
    const edited = await t.request<RecordView>('PATCH', `/api/records/${record.id}`, {
      token: rep1,
      headers: { 'if-match': `"${record.version}"` },
      body: { data: { notes: 'edited', number: record.data.number } },
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data.number).toBe(record.data.number);
    const next = await submit(rep1, await validData());
    expect(next.body.data.number).toBe(String(record.data.number).replace(/0001$/, '0002'));
  });

  it('lists a related list of the record, and the lookups the form renderer uses', async () => {
    const followup = await t.request<RecordView>(
      'POST',
      `/api/forms/${forms.get('followup')}/records`,
      {
        token: rep1,
        body: { data: { summary: 'Called the buyer', order: record.id } },
      },
    );
    expect(followup.status).toBe(201);
    const related = await t.request<{ items: { data: { summary: string } }[] }>(
      'GET',
      `/api/records/${record.id}/related/history`,
      { token: rep1 },
    );
    expect(related.body.items.map((i) => i.data.summary)).toEqual(['Called the buyer']);
    expect([403, 404]).toContain(
      (await t.request('GET', `/api/records/${record.id}/related/history`, { token: rep2 })).status,
    );

    const candidates = await t.request<{ items: { id: string; display: string; copy: object }[] }>(
      'GET',
      `/api/forms/${every()}/fields/customer/candidates?q=AC`,
      { token: rep1 },
    );
    expect(candidates.body.items).toEqual([
      { id: customerId, display: 'ACME', copy: { customer_phone: '0571-1234' } },
    ]);
    const options = await t.request<{ values: string[] }>(
      'GET',
      `/api/forms/${every()}/fields/source_level/options`,
      { token: rep1 },
    );
    expect(options.body.values).toEqual(['gold']);
    const linkage = await t.request<{ value: string }>(
      'POST',
      `/api/forms/${every()}/fields/segment/linkage`,
      { token: rep1, body: { data: { title: 'ACME' } } },
    );
    expect(linkage.body.value).toBe('gold');
    const pool = await t.request<{ items: { username: string }[] }>(
      'GET',
      `/api/directory/users?form=${every()}&field=watchers`,
      { token: rep1 },
    );
    // The pool is limited to the sales managers: exactly the users holding that role.
    const managers: { username: string }[] = await t.db.query(
      `SELECT u.username FROM users u JOIN user_roles ur ON ur.user_id = u.id
         JOIN roles r ON r.id = ur.role_id WHERE r.key = 'sales_manager' AND NOT u.disabled`,
    );
    expect(managers.length).toBeGreaterThan(0);
    expect(pool.body.items.map((u) => u.username).sort()).toEqual(
      managers.map((m) => m.username).sort(),
    );
    const anonymous = await t.request('GET', '/api/directory/users');
    expect(anonymous.status).toBe(401);
  });

  it('names the users behind member values by id, disabled ones too; bad ids are refused', async () => {
    const people: { id: string; username: string; display_name: string }[] = await t.db.query(
      `SELECT id, username, display_name FROM users WHERE username IN ('rep2', 'manager1')`,
    );
    await t.db.query(`UPDATE users SET disabled = true WHERE username = 'rep2'`);
    try {
      const named = await t.request<{ items: { id: string; displayName: string }[] }>(
        'GET',
        `/api/directory/users?ids=${people.map((p) => p.id).join(',')}`,
        { token: rep1 },
      );
      expect(named.status).toBe(200);
      expect(new Map(named.body.items.map((u) => [u.id, u.displayName]))).toEqual(
        new Map(people.map((p) => [p.id, p.display_name])),
      );
      for (const bad of [
        '',
        'not-a-uuid',
        Array.from({ length: 201 }, () => people[0]!.id)
          .map((id, i) => id.slice(0, -3) + String(i).padStart(3, '0'))
          .join(','),
      ]) {
        const refused = await t.request<Envelope>('GET', `/api/directory/users?ids=${bad}`, {
          token: rep1,
        });
        expect(refused.status).toBe(400);
        expect(refused.body.error.code).toBe('invalid_query');
      }
    } finally {
      await t.db.query(`UPDATE users SET disabled = false WHERE username = 'rep2'`);
    }
  });
});

describe('publishing', () => {
  it('refuses links to forms the app does not have and fields in a circle, with codes', async () => {
    const form = testForm();
    form.schema.properties.customer = {
      ...form.schema.properties.customer!,
      'x-link': { form: 'supplier', display: 'name' },
    };
    form.schema.properties.notes = {
      ...form.schema.properties.notes!,
      'x-visible': { '!!': { var: 'level' } },
    };
    form.schema.properties.level = {
      ...form.schema.properties.level!,
      'x-default': { if: [{ var: 'notes' }, 'a', 'b'] },
    };
    const res = await t.request<Envelope>('POST', `/api/forms/${every()}/versions`, {
      token: admin,
      body: { definition: form },
    });
    expect(res.status).toBe(422);
    const codes = (res.body.error.details as unknown as { code: string }[])
      .map((d) => d.code)
      .sort();
    expect(codes).toEqual(['dependency_cycle', 'unknown_form']);
  });
});

describe('task comments with attachments', () => {
  it('attaches comment files to the record and shows them on the timeline', async () => {
    const quote = await t.request<RecordView>(
      'POST',
      `/api/forms/${await formIdOf(t, rep1, 'quote')}/records`,
      { token: rep1, body: { data: quoteData(15) } },
    );
    const task = quote.body.tasks?.find((x) => x.status === 'open');
    expect(task).toBeDefined();
    const file = await upload(manager1, Buffer.from('notes'), 'review.txt', 'text/plain');
    const acted = await t.request('POST', `/api/tasks/${task!.id}/actions`, {
      token: manager1,
      body: { action: 'comment', comment: 'See my notes', attachments: [file.body.id] },
    });
    expect(acted.status).toBe(200);
    const view = await t.request<RecordView>('GET', `/api/records/${quote.body.id}`, {
      token: rep1,
    });
    const comment = view.body.timeline?.find((e) => e.type === 'comment');
    expect(comment?.details?.attachments).toEqual([
      { id: file.body.id, name: 'review.txt', size: 5, type: 'text/plain' },
    ]);
    expect((await download(rep1, file.body.id)).bytes.toString()).toBe('notes');
    const reused = await t.request<Envelope>('POST', `/api/tasks/${task!.id}/actions`, {
      token: rep1,
      body: { action: 'comment', attachments: [file.body.id] },
    });
    expect(reused.status).toBeGreaterThanOrEqual(400);
  });
});
