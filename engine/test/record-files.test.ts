import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { ImportStatus } from '../src/modules/records/record-import.service';
import { installLeads } from './support/leads-app';
import { startTestApp, type TestApp } from './support/test-app';

interface Envelope {
  error: { status: number; code: string };
}

let app: TestApp;
let rep1: string;
let rep2: string;
let formId: string;

const FORMULAS = ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  const admin = await app.login('admin');
  [rep1, rep2] = await Promise.all([app.login('rep1'), app.login('rep2')]);
  formId = await installLeads(app, admin);
  for (const [i, name] of FORMULAS.entries()) {
    const res = await app.request('POST', `/api/forms/${formId}/records`, {
      token: rep1,
      body: {
        data: { name, company: `Co ${i}`, stage: 'qualified', amount: i, notes: '=1+2' },
      },
    });
    expect(res.status).toBe(201);
  }
  const other = await app.request('POST', `/api/forms/${formId}/records`, {
    token: rep2,
    body: { data: { name: 'Rep2 only', stage: 'new' } },
  });
  expect(other.status).toBe(201);
});

afterAll(async () => {
  await app.close();
});

async function download(
  token: string,
  query: string,
): Promise<{ status: number; type: string; body: Buffer }> {
  const res = await fetch(`${app.baseUrl}/api/forms/${formId}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
}

async function upload(
  token: string,
  format: 'csv' | 'xlsx',
  content: Buffer,
): Promise<{ status: number; body: ImportStatus & Envelope }> {
  const res = await fetch(
    `${app.baseUrl}/api/forms/${formId}/imports?format=${format}&fileName=leads.${format}`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type':
          format === 'csv'
            ? 'text/csv'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: content,
    },
  );
  return { status: res.status, body: (await res.json()) as ImportStatus & Envelope };
}

const dangerous = /^[=+\-@\t\r]/;

describe('export (S10: formula injection neutralised)', () => {
  it('writes CSV of the visible records with every formula-like text neutralised', async () => {
    const res = await download(rep1, 'format=csv&lang=en&sort=createdAt:asc');
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/csv');
    const rows = parse(res.body, { bom: true }) as string[][];
    const [header, ...data] = rows;
    expect(header!.slice(0, 3)).toEqual(['Name', 'Company', 'Mobile']);
    expect(data).toHaveLength(FORMULAS.length);
    for (const row of data) for (const cell of row) expect(cell).not.toMatch(dangerous);
    expect(data.map((r) => r[0])).toEqual(FORMULAS.map((f) => `'${f}`));
    const stage = header!.indexOf('Stage');
    expect(data[0]![stage]).toBe('Qualified');
    const amount = header!.indexOf('Expected amount');
    expect(data[1]![amount]).toBe('1');
    expect(data.flat()).not.toContain('Rep2 only');
  });

  it('writes Excel with the chosen columns, text cells neutralised, numbers as numbers', async () => {
    const res = await download(
      rep1,
      'format=xlsx&lang=zh&columns=name,amount,notes&sort=createdAt:asc',
    );
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values: unknown[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(['姓名', '预计金额', '备注', '提交人', '提交时间']);
    expect(values).toHaveLength(FORMULAS.length + 1);
    for (const row of values.slice(1)) {
      expect(typeof row[1]).toBe('number');
      for (const cell of row) if (typeof cell === 'string') expect(cell).not.toMatch(dangerous);
      expect(row[2]).toBe("'=1+2");
    }
    for (const row of values)
      for (const cell of row)
        expect(typeof cell === 'object' && cell !== null && 'formula' in cell).toBe(false);
  });

  it('refuses a bad export query in the envelope', async () => {
    expect((await download(rep1, 'format=pdf')).status).toBe(400);
    expect((await download(rep1, 'format=csv&columns=nope')).status).toBe(400);
  });
});

describe('import', () => {
  it('checks every row like a submission, reports errors per row and shows progress', async () => {
    const csv = [
      'Name,手机,Stage,Expected amount,Expected close,Shoe size',
      'Import A,138 0000 1111,Contacted,1200,2026-03-01,42',
      'Import B,,新线索,"2,500",,',
      ',139 0000 2222,new,5,,', // no name: required
      'Import D,,nope,5,,', // not a stage
      'Import E,+86 138-0000-1111,new,5,,', // the same phone as row 2 (unique)
      'Import F,,lost,lots,2026-02-30,', // not a number, not a date
      'Import G,,qualified,7,,',
    ].join('\n');
    const started = await upload(rep1, 'csv', Buffer.from(csv, 'utf8'));
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', total: 7, processed: 0 });
    const path = `/api/imports/${started.body.id}`;
    expect((await app.request('GET', path, { token: rep2 })).status).toBe(404);

    await app.worker.drain();
    const done = await app.request<ImportStatus>('GET', path, { token: rep1 });
    expect(done.body).toMatchObject({
      status: 'done',
      total: 7,
      processed: 7,
      created: 3,
      failed: 4,
    });
    expect(done.body.message).toContain('Shoe size');
    expect(done.body.errors.map((e) => [e.row, e.code])).toEqual([
      [4, 'validation_failed'],
      [5, 'validation_failed'],
      [6, 'duplicate_value'],
      [7, 'validation_failed'],
    ]);
    const stored: { data: Record<string, unknown> }[] = await app.db.query(
      `SELECT data FROM records WHERE form_id = $1 AND data->>'name' LIKE 'Import %' ORDER BY data->>'name'`,
      [formId],
    );
    expect(stored.map((r) => r.data)).toEqual([
      {
        name: 'Import A',
        mobile: '138 0000 1111',
        stage: 'contacted',
        amount: 1200,
        close_date: '2026-03-01',
      },
      { name: 'Import B', stage: 'new', amount: 2500 },
      { name: 'Import G', stage: 'qualified', amount: 7 },
    ]);
  });

  it('imports an Excel file, and an export read back in', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('leads');
    sheet.addRow(['name', 'amount', 'close_date', 'notes']);
    sheet.addRow(['Excel One', 12.5, new Date(Date.UTC(2026, 4, 6)), "'=not a formula"]);
    sheet.addRow(['Excel Two', { formula: '1+1', result: 2 }, null, null]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const started = await upload(rep2, 'xlsx', content);
    expect(started.status).toBe(202);
    await app.worker.drain();
    const done = await app.request<ImportStatus>('GET', `/api/imports/${started.body.id}`, {
      token: rep2,
    });
    expect(done.body).toMatchObject({ status: 'done', created: 2, failed: 0 });
    const rows: { data: Record<string, unknown> }[] = await app.db.query(
      `SELECT data FROM records WHERE data->>'name' LIKE 'Excel %' ORDER BY data->>'name'`,
    );
    expect(rows.map((r) => r.data)).toEqual([
      { name: 'Excel One', amount: 12.5, close_date: '2026-05-06', notes: '=not a formula' },
      { name: 'Excel Two', amount: 2 },
    ]);

    const exported = await download(
      rep2,
      'format=xlsx&lang=en&columns=name,amount&filter=' +
        encodeURIComponent(JSON.stringify([{ field: 'name', op: 'starts_with', value: 'Excel' }])),
    );
    const again = await upload(rep2, 'xlsx', exported.body);
    expect(again.status).toBe(202);
    await app.worker.drain();
    const back = await app.request<ImportStatus>('GET', `/api/imports/${again.body.id}`, {
      token: rep2,
    });
    expect(back.body).toMatchObject({ status: 'done', created: 2, failed: 0 });
  });

  it.each([
    ['a file that is not Excel', 'xlsx', Buffer.from('not a zip'), 'invalid_file'],
    ['a CSV without a known column', 'csv', Buffer.from('foo,bar\n1,2\n'), 'no_known_columns'],
    ['an empty body', 'csv', Buffer.alloc(0), 'invalid_file'],
  ] as const)('refuses %s at upload', async (_name, format, content, code) => {
    const res = await upload(rep1, format, content);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });
});
