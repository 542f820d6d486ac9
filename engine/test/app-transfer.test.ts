import type { JsonObject } from '@liuyun/definitions';
import { createHash, randomUUID } from 'node:crypto';
import { FileStorage } from '../src/modules/files/file-storage.port';
import type { AppExportFile } from '../src/modules/transfer/app-export.format';
import type { ImportSummary } from '../src/modules/transfer/app-import.service';
import { AutomationLab, line, step } from './automations-app.fixture';
import { startTestApp, type TestApp } from './support/test-app';

// Issue 9: an app leaves one Liuyun as one file and arrives in another — new there
// (with its records, ids kept), or over an older copy (new versions published, the
// automations updated). A bad file changes nothing.

let source: TestApp;
let target: TestApp;
let lab: AutomationLab;
let sourceAdmin: string;
let targetAdmin: string;

beforeAll(async () => {
  source = await startTestApp();
  target = await startTestApp({ demo: false, env: { LIUYUN_ADMIN_PASSWORD: 'demo' } });
  lab = new AutomationLab(source);
  await lab.setUpOps();
  sourceAdmin = await source.login('admin');
  targetAdmin = await target.login('admin');
  await lab.create({
    key: 'lead_to_task',
    name: { zh: '线索建任务', en: 'Lead to task' },
    trigger: { kind: 'record_created', form: 'lead' },
    flow: line(step.create('mk', 'task', { title: 'Call back', lead: { var: 'name' } })),
  });
  for (const name of ['Acme', 'Globex', '云帆'])
    await lab.submit('rep1', { name, amount: 10 }, 'lead');
  await source.worker.drain();
  // A file held by a lead (as a task comment's attachment would be).
  const storageKey = randomUUID();
  await source.liuyun.app.get(FileStorage).put(storageKey, FILE_BYTES);
  const users: { id: string }[] = await source.db.query(
    `SELECT id FROM users WHERE username = 'rep1'`,
  );
  const leads: { id: string }[] = await source.db.query(
    `SELECT r.id FROM records r WHERE r.data->>'name' = 'Acme'`,
  );
  await source.db.query(
    `INSERT INTO files (id, name, type, size, sha256, storage_key, uploaded_by, record_id)
     VALUES ($1, 'offer.txt', 'text/plain', $2, $3, $4, $5, $6)`,
    [
      FILE_ID,
      FILE_BYTES.length,
      createHash('sha256').update(FILE_BYTES).digest('hex'),
      storageKey,
      users[0]!.id,
      leads[0]!.id,
    ],
  );
});

const FILE_ID = randomUUID();
const FILE_BYTES = Buffer.from('Offer: 20 seats at 1,200 each. 报价单。\n', 'utf8');

afterAll(async () => {
  await source.close();
  await target.close();
});

async function exportApp(key: string, records: boolean, files = false) {
  const query = files ? '?files=true' : records ? '?records=true' : '';
  const res = await fetch(`${source.baseUrl}/api/apps/${key}/export${query}`, {
    headers: { authorization: `Bearer ${sourceAdmin}` },
  });
  return {
    status: res.status,
    disposition: res.headers.get('content-disposition'),
    file: (await res.json()) as AppExportFile,
  };
}

const importFile = (file: unknown, token = targetAdmin) =>
  target.request<ImportSummary & { error?: { code: string; details?: JsonObject[] } }>(
    'POST',
    '/api/apps/import',
    {
      token,
      body: file,
    },
  );

async function counts(app: TestApp) {
  const [row] = (await app.db.query(
    `SELECT (SELECT count(*)::int FROM apps) AS apps, (SELECT count(*)::int FROM forms) AS forms,
            (SELECT count(*)::int FROM form_versions) AS versions, (SELECT count(*)::int FROM records) AS records,
            (SELECT count(*)::int FROM automations) AS automations`,
  )) as { apps: number; forms: number; versions: number; records: number; automations: number }[];
  return row!;
}

it('exports every version, the drafts, the automations, and the records on request', async () => {
  const { status, disposition, file } = await exportApp('ops', true);
  expect(status).toBe(200);
  expect(disposition).toMatch(/^attachment; filename="ops-\d{4}-\d{2}-\d{2}\.liuyun\.json"$/);
  expect(file).toMatchObject({
    format: 'liuyun.app-export',
    formatVersion: 1,
    app: { key: 'ops' },
  });
  expect(file.forms.map((f) => f.key)).toEqual(expect.arrayContaining(['lead', 'task', 'deal']));
  expect(file.automations).toEqual([
    expect.objectContaining({ key: 'lead_to_task', enabled: true }),
  ]);
  const rows: { id: string; data: JsonObject }[] = await source.db.query(
    `SELECT r.id, r.data FROM records r JOIN forms f ON f.id = r.form_id JOIN apps a ON a.id = f.app_id WHERE a.key = 'ops' ORDER BY r.created_at, r.id`,
  );
  expect(rows).toHaveLength(6); // 3 leads and the 3 tasks the automation made
  expect(file.records!.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  expect(file.records!.find((r) => r.data.name === '云帆')).toMatchObject({
    form: 'lead',
    createdBy: 'rep1',
  });
  expect((await exportApp('ops', false)).file.records).toBeUndefined();
  expect((await exportApp('ops', true)).file.files).toBeUndefined();
  const withFiles = (await exportApp('ops', false, true)).file;
  expect(withFiles.records).toHaveLength(6);
  expect(withFiles.files).toEqual([
    expect.objectContaining({
      id: FILE_ID,
      name: 'offer.txt',
      size: FILE_BYTES.length,
      uploadedBy: 'rep1',
    }),
  ]);
  expect(Buffer.from(withFiles.files![0]!.content, 'base64')).toEqual(FILE_BYTES);
});

it('imports a new app with its versions, records and files; ids, data and dates kept', async () => {
  const { file } = await exportApp('ops', true, true);
  const before = await counts(target);
  const res = await importFile(file);
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ mode: 'created', app: { key: 'ops' }, records: 6, files: 1 });
  // The file is readable there, by an admin, with the same bytes.
  const download = await fetch(`${target.baseUrl}/api/files/${FILE_ID}`, {
    headers: { authorization: `Bearer ${targetAdmin}` },
  });
  expect(download.status).toBe(200);
  expect(Buffer.from(await download.arrayBuffer())).toEqual(FILE_BYTES);
  expect(res.body.automations).toEqual([{ key: 'lead_to_task', action: 'created' }]);
  expect(res.body.forms.every((f) => f.action === 'created')).toBe(true);
  const after = await counts(target);
  expect(after.apps).toBe(before.apps + 1);
  expect(after.records).toBe(before.records + 6);

  for (const r of file.records!) {
    const got = await target.request<{ id: string; data: JsonObject }>(
      'GET',
      `/api/records/${r.id}`,
      {
        token: targetAdmin,
      },
    );
    expect(got.status).toBe(200);
    expect(got.body.data).toEqual(r.data);
  }
  const stored: { created_at: Date; username: string; events: string[] }[] = await target.db.query(
    `SELECT r.created_at, u.username, array(SELECT type FROM record_events e WHERE e.record_id = r.id) AS events
       FROM records r JOIN users u ON u.id = r.created_by WHERE r.id = $1`,
    [file.records![0]!.id],
  );
  expect(stored[0]!.created_at.toISOString()).toBe(file.records![0]!.createdAt);
  // rep1 does not exist here: the importing admin is the creator.
  expect(stored[0]).toMatchObject({ username: 'admin', events: ['record_imported'] });
  const audit: { n: number }[] = await target.db.query(
    `SELECT count(*)::int AS n FROM audit_log WHERE action = 'app.import'`,
  );
  expect(audit[0]!.n).toBe(1);

  // The imported automation works here: a new lead makes its task.
  const forms: { id: string; key: string }[] = await target.db.query(
    `SELECT f.id, f.key FROM forms f JOIN apps a ON a.id = f.app_id WHERE a.key = 'ops'`,
  );
  const lead = await target.request<{ id: string }>(
    'POST',
    `/api/forms/${forms.find((f) => f.key === 'lead')!.id}/records`,
    {
      token: targetAdmin,
      body: { data: { name: 'Initech' } },
    },
  );
  expect(lead.status).toBe(201);
  await target.worker.drain();
  const tasks: { n: number }[] = await target.db.query(
    `SELECT count(*)::int AS n FROM records WHERE form_id = $1 AND data->>'lead' = 'Initech'`,
    [forms.find((f) => f.key === 'task')!.id],
  );
  expect(tasks[0]!.n).toBe(1);
});

it('records into an app already here are refused; nothing changes', async () => {
  const { file } = await exportApp('ops', true);
  const before = await counts(target);
  const res = await importFile(file);
  expect(res.status).toBe(409);
  expect(res.body.error?.code).toBe('app_exists');
  expect(await counts(target)).toEqual(before);
});

it('promotes new versions over an older copy: changed forms get a new version, the rest stay', async () => {
  // The source's CRM quote form gets a v2; the target has the template's v1.
  const forms: { id: string; key: string }[] = await source.db.query(
    `SELECT f.id, f.key FROM forms f JOIN apps a ON a.id = f.app_id WHERE a.key = 'crm'`,
  );
  const quoteId = forms.find((f) => f.key === 'quote')!.id;
  const v1 = await source.request<{
    definition: JsonObject & { name: JsonObject };
    flow: JsonObject;
  }>('GET', `/api/forms/${quoteId}`, {
    token: sourceAdmin,
  });
  const published = await source.request('POST', `/api/forms/${quoteId}/versions`, {
    token: sourceAdmin,
    body: {
      definition: { ...v1.body.definition, name: { zh: '报价单 v2', en: 'Quote v2' } },
      flow: v1.body.flow,
    },
  });
  expect(published.status).toBe(201);
  const { file } = await exportApp('crm', false);
  expect(file.forms.find((f) => f.key === 'quote')!.versions.map((v) => v.version)).toEqual([1, 2]);

  const res = await importFile(file);
  expect(res.status).toBe(201);
  expect(res.body.mode).toBe('updated');
  expect(res.body.forms).toEqual(
    expect.arrayContaining([
      { key: 'quote', action: 'published', version: 2 },
      { key: 'contract', action: 'unchanged', version: 1 },
    ]),
  );
  const targetQuote: { name: JsonObject; published_version: number }[] = await target.db.query(
    `SELECT f.name, f.published_version FROM forms f JOIN apps a ON a.id = f.app_id WHERE a.key = 'crm' AND f.key = 'quote'`,
  );
  expect(targetQuote[0]).toEqual({
    name: { zh: '报价单 v2', en: 'Quote v2' },
    published_version: 2,
  });
  // Again: nothing left to publish.
  const again = await importFile(file);
  expect(again.body.forms.every((f) => f.action === 'unchanged')).toBe(true);
});

describe('bad files change nothing', () => {
  it.each([
    ['not an export', { hello: 'world' }, 400, 'validation_failed'],
    [
      'another format version',
      { format: 'liuyun.app-export', formatVersion: 2, app: { key: 'x', name: {} }, forms: [] },
      400,
      'validation_failed',
    ],
  ])('%s', async (_name, body, status, code) => {
    const before = await counts(target);
    const res = await importFile(body);
    expect(res.status).toBe(status);
    expect(res.body.error?.code).toBe(code);
    expect(await counts(target)).toEqual(before);
  });

  it('a form that does not pass the publish checks: 422 with where', async () => {
    const { file } = await exportApp('ops', true);
    file.app.key = 'ops_broken';
    const lead = file.forms.find((f) => f.key === 'lead')!;
    lead.versions[0]!.definition = {
      ...lead.versions[0]!.definition,
      layout: ['nonexistent_field'],
    };
    const before = await counts(target);
    const res = await importFile(file);
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('import_invalid');
    expect(JSON.stringify(res.body.error?.details)).toContain('/forms/');
    expect(await counts(target)).toEqual(before);
  });

  it('a record whose data its form refuses: 422 pointing at the record', async () => {
    const { file } = await exportApp('ops', true);
    file.app.key = 'ops_bad_record';
    const index = file.records!.findIndex((r) => r.form === 'lead');
    file.records![index]!.data = { name: 42 };
    const before = await counts(target);
    const res = await importFile(file);
    expect(res.status).toBe(422);
    expect(res.body.error?.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: `/records/${index}/data/name`, code: 'record_invalid' }),
      ]),
    );
    expect(await counts(target)).toEqual(before);
  });

  it('a file whose bytes do not match its sha256: 422, nothing stored', async () => {
    const { file } = await exportApp('ops', true, true);
    file.app.key = 'ops_bad_file';
    file.files![0]!.content = Buffer.from('something else').toString('base64');
    const before = await counts(target);
    const res = await importFile(file);
    expect(res.status).toBe(422);
    expect(res.body.error?.details).toEqual([
      expect.objectContaining({ path: '/files/0/content', code: 'content_mismatch' }),
    ]);
    expect(await counts(target)).toEqual(before);
  });

  it('records whose ids are already here: 409, nothing stored', async () => {
    const { file } = await exportApp('ops', true);
    file.app.key = 'ops_copy';
    const before = await counts(target);
    const res = await importFile(file);
    expect(res.status).toBe(409);
    expect(res.body.error?.code).toBe('record_exists');
    expect(await counts(target)).toEqual(before);
  });

  it('only administrators export and import', async () => {
    const rep = await source.login('rep1');
    expect((await source.request('GET', '/api/apps/ops/export', { token: rep })).status).toBe(403);
    expect(
      (await source.request('POST', '/api/apps/import', { token: rep, body: {} })).status,
    ).toBe(403);
    expect(
      (await source.request('GET', '/api/apps/nope/export', { token: sourceAdmin })).status,
    ).toBe(404);
  });
});
