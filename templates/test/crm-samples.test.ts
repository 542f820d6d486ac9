import { prepareForm, type TemplateSampleRecord } from '@liuyun/definitions';
import { CRM_SAMPLE_COUNTS, generateCrmSamples, listTemplates, type SampleDirectory } from '../src';

const crm = listTemplates().find((t) => t.key === 'crm')!;
const now = new Date('2026-03-31T09:00:00.000Z');
const fakeId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const users = [
  'admin',
  'director1',
  'manager1',
  'manager2',
  'rep1',
  'rep2',
  'rep3',
  'rep4',
  'legal1',
  'legal2',
  'finance1',
  'servicemgr1',
  'service1',
  'service2',
];
const directory: SampleDirectory = {
  users: Object.fromEntries(users.map((u, i) => [u, fakeId(i + 1)])),
  departments: {
    hq: fakeId(101),
    sales: fakeId(102),
    sales_south: fakeId(103),
    service: fakeId(104),
  },
};
const samples = generateCrmSamples({ seed: 7, now, directory });
const countOf = (form: string) => samples.filter((s) => s.form === form).length;
const byId = new Map(samples.map((s) => [s.id, s]));

it('is deterministic: the same seed gives identical records, another seed others', () => {
  expect(generateCrmSamples({ seed: 7, now, directory })).toEqual(samples);
  expect(generateCrmSamples({ seed: 8, now, directory })).not.toEqual(samples);
});

it('makes the stated numbers of records', () => {
  expect(countOf('customer')).toBe(CRM_SAMPLE_COUNTS.customers);
  expect(countOf('lead')).toBe(CRM_SAMPLE_COUNTS.customers + CRM_SAMPLE_COUNTS.otherLeads);
  expect(countOf('followup')).toBe(CRM_SAMPLE_COUNTS.followups);
  expect(countOf('opportunity')).toBe(CRM_SAMPLE_COUNTS.opportunities);
  expect(countOf('ticket')).toBe(CRM_SAMPLE_COUNTS.tickets);
  expect(countOf('contact')).toBeGreaterThanOrEqual(CRM_SAMPLE_COUNTS.customers);
  for (const form of ['campaign', 'quote', 'contract', 'payment_plan', 'payment'])
    expect(countOf(form)).toBeGreaterThan(0);
  const stages = new Set(samples.filter((s) => s.form === 'opportunity').map((s) => s.data.stage));
  expect([...stages].sort()).toEqual([
    'initial',
    'lost',
    'needs',
    'negotiation',
    'proposal',
    'won',
  ]);
  const quoteStatuses = new Set(
    samples.filter((s) => s.form === 'quote').map((s) => s.data.status),
  );
  expect([...quoteStatuses].sort()).toEqual(['approved', 'rejected']);
});

it('passes every form validation, with the values the engine would store', () => {
  const forms = new Map(crm.app.forms.map((e) => [e.form.key, e.form]));
  for (const s of samples) {
    const form = forms.get(s.form);
    expect(form).toBeDefined();
    const result = prepareForm(form!).evaluate(s.data, { allowReadonly: true, now: s.createdAt });
    expect({ id: s.id, form: s.form, errors: result.errors }).toEqual({
      id: s.id,
      form: s.form,
      errors: [],
    });
  }
});

it('spreads creation times over the last 90 days and links only to earlier records', () => {
  const linkFields = (form: string) =>
    Object.entries(crm.app.forms.find((e) => e.form.key === form)!.form.schema.properties)
      .filter(([, f]) => f['x-link'])
      .map(([k, f]) => ({ key: k, target: f['x-link']!.form }));
  const earliest = now.getTime() - 90 * 86_400_000;
  for (const s of samples) {
    const at = Date.parse(String(s.createdAt));
    expect(at).toBeGreaterThanOrEqual(earliest);
    expect(at).toBeLessThan(now.getTime());
    for (const { key, target } of linkFields(s.form)) {
      const value = s.data[key];
      if (typeof value !== 'string') continue;
      const linked: TemplateSampleRecord | undefined = byId.get(value);
      expect({ link: `${s.form}.${key}`, target: linked?.form }).toEqual({
        link: `${s.form}.${key}`,
        target,
      });
      expect({
        link: `${s.form}.${key}`,
        before: Date.parse(String(linked!.createdAt)) <= at,
      }).toEqual({ link: `${s.form}.${key}`, before: true });
    }
  }
  const months = new Set(samples.map((s) => String(s.createdAt).slice(0, 7)));
  expect(months.size).toBeGreaterThanOrEqual(3);
});

it('gives the customers to the reps of their region', () => {
  const south = new Set([directory.users.rep3, directory.users.rep4]);
  for (const c of samples.filter((s) => s.form === 'customer')) {
    const inSouth = c.data.region === 'south' || c.data.region === 'west';
    expect(south.has(String(c.data.owner))).toBe(inSouth);
  }
  const owners = new Set(samples.filter((s) => s.form === 'customer').map((s) => s.data.owner));
  expect(owners.size).toBe(4);
});

it('records the approvals as the flows route them', () => {
  for (const q of samples.filter((s) => s.form === 'quote')) {
    const nodes = q.history!.tasks.map((t) => t.nodeId);
    const discount = Number(q.data.discount_pct);
    if (discount <= 10) expect(nodes).toEqual([]);
    else expect(nodes[0]).toBe('manager_approval');
    if (nodes.includes('director_approval')) expect(discount).toBeGreaterThan(20);
    expect(q.history!.outcome).toBe(q.data.status);
  }
  for (const k of samples.filter((s) => s.form === 'contract')) {
    expect(k.history!.outcome).toBe(k.data.status);
    const quote = byId.get(String(k.data.quote))!;
    expect(quote.data.status).toBe('approved');
    expect(k.data.amount).toBe(quote.data.total);
  }
});

it('holds a quarter of care work: holiday care for key customers, birthday care the day before', () => {
  // Installed on 20 January, the quarter holds the 28 December holiday (31 March's does not).
  expect(samples.some((s) => s.form === 'care_task' && s.data.occasion === 'holiday')).toBe(false);
  const january = generateCrmSamples({ seed: 7, now: new Date('2026-01-20T09:00:00Z'), directory });
  const ids = new Map(january.map((s) => [s.id, s]));
  const care = january.filter((s) => s.form === 'care_task');
  const holiday = care.filter((s) => s.data.occasion === 'holiday');
  const birthday = care.filter((s) => s.data.occasion === 'birthday');
  expect(holiday.length).toBeGreaterThan(0);
  expect(birthday.length).toBeGreaterThan(0);
  for (const t of holiday) {
    const customer = ids.get(String(t.data.customer))!;
    expect(['A', 'B']).toContain(customer.data.level);
    expect(String(t.createdAt)).toBe('2025-12-28T01:00:00.000Z');
    expect(t.data.due_on).toBe('2025-12-31');
    expect(t.data.owner).toBe(customer.data.owner);
  }
  const contacts = january.filter((s) => s.form === 'contact');
  for (const t of birthday) {
    const contact = contacts.find(
      (c) => c.data.name === t.data.contact_name && c.data.customer === t.data.customer,
    )!;
    expect(String(contact.data.birthday).slice(5)).toBe(String(t.data.due_on).slice(5));
  }
  for (const t of care) {
    if (t.data.status === 'done') {
      expect(t.history?.tasks.map((x) => [x.nodeId, x.action])).toEqual([['care', 'submit']]);
      expect(t.data.action).toBeTruthy();
    } else {
      expect(t.data.status).toBe('open');
      expect(t.history).toBeUndefined();
    }
  }
  expect(care.filter((t) => t.data.status === 'done').length).toBeGreaterThan(care.length / 2);
  // Every key customer made before the holiday got its task, and only they.
  const key = january.filter(
    (s) =>
      s.form === 'customer' &&
      s.data.pool === 'private' &&
      ['A', 'B'].includes(String(s.data.level)) &&
      String(s.createdAt) < '2025-12-28T01:00:00.000Z',
  );
  expect(holiday.map((t) => t.data.customer).sort()).toEqual(key.map((c) => c.id).sort());
  expect(samples.filter((s) => s.form === 'care_task').length).toBeGreaterThan(5);
});
