import type { RecordView } from '../src/modules/records/records.service';
import { formIdOf } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

// `x-default` rules with `$user`: the CRM customer's owner and department and the
// opportunity's owner default to the submitter, on the server as in the browser's form
// (one function, packages/definitions `missingDefaults`), when the submission leaves them out.

let t: TestApp;
let rep1: string;
let customerId: string;
let people: Map<string, { id: string; departmentId: string | null }>;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  rep1 = await t.login('rep1');
  const rows: { id: string; username: string; department_id: string | null }[] = await t.db.query(
    'SELECT id, username, department_id FROM users',
  );
  people = new Map(rows.map((r) => [r.username, { id: r.id, departmentId: r.department_id }]));
});

afterAll(async () => {
  await t.close();
});

async function submit(form: string, data: Record<string, unknown>) {
  return t.request<RecordView>('POST', `/api/forms/${await formIdOf(t, rep1, form)}/records`, {
    token: rep1,
    body: { data },
  });
}

describe('default values from the signed-in person', () => {
  it('fills the customer owner and department with the submitter and their department', async () => {
    const me = people.get('rep1')!;
    expect(me.departmentId).not.toBeNull();
    const res = await submit('customer', { name: 'Defaults Ltd' });
    expect(res.status).toBe(201);
    expect(res.body.data.owner).toBe(me.id);
    expect(res.body.data.department).toBe(me.departmentId);
    customerId = res.body.id;
    const stored: { data: Record<string, unknown> }[] = await t.db.query(
      'SELECT data FROM records WHERE id = $1',
      [res.body.id],
    );
    expect(stored[0]!.data).toMatchObject({ owner: me.id, department: me.departmentId });
  });

  it('keeps an owner the submission names', async () => {
    const other = people.get('rep2')!;
    const res = await submit('customer', { name: 'Named Owner Ltd', owner: other.id });
    expect(res.status).toBe(201);
    expect(res.body.data.owner).toBe(other.id);
  });

  it('fills the opportunity owner', async () => {
    const res = await submit('opportunity', {
      title: 'Defaults deal',
      customer: customerId,
      amount: 1000,
      stage: 'initial',
    });
    expect([res.status, res.body.data?.owner]).toEqual([201, people.get('rep1')!.id]);
  });
});
