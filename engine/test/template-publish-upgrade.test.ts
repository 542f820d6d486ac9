import type { FieldSchema, FormDefinition } from '@liuyun/definitions';
import { edge, flow, node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';

// An admin publishes an app as a template, other teams install it, edit it, and upgrade
// to a newer version: untouched changes applied, local edits kept, conflicts decided,
// records never lost — all over HTTP against the real database.
interface Envelope {
  error: { status: number; code: string; details?: { id?: string; records?: number }[] };
}
interface AppSummary {
  id: string;
  key: string;
  forms: { id: string; key: string }[];
  sampleRecords?: number;
}
interface Change {
  id: string;
  kind: string;
  upstream: string;
  local: string;
  outcome: string;
  breaksRecords: number;
}
interface Plan {
  revision: string;
  installedVersion: string | null;
  availableVersion: string;
  upToDate: boolean;
  changes: Change[];
  conflicts: number;
}

let app: TestApp;
let admin: string;
let rep1: string;

const text = (en: string, extra: Partial<FieldSchema> = {}): FieldSchema =>
  ({
    type: 'string',
    maxLength: 200,
    'x-widget': 'text',
    'x-label': { zh: en, en },
    ...extra,
  }) as FieldSchema;

const dealV1: FormDefinition = {
  key: 'deal',
  name: { zh: '交易', en: 'Deal' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title'],
    properties: {
      title: text('Title', { minLength: 1 }),
      stage: {
        type: 'string',
        enum: ['new', 'won'],
        'x-widget': 'select',
        'x-label': { zh: '阶段', en: 'Stage' },
      } as FieldSchema,
      amount: {
        type: 'number',
        minimum: 0,
        'x-widget': 'money',
        'x-label': { zh: '金额', en: 'Amount' },
      } as FieldSchema,
      remark: text('Remark'),
      score: text('Score'),
      legacy: text('Legacy'),
    },
  },
  layout: ['title', 'stage', 'amount', 'remark', 'score', 'legacy'],
};
const dealFlow = flow(
  'deal_flow',
  [node.start(), node.approval('ok', ['manager1']), node.end()],
  [edge('start', 'ok'), edge('ok', 'end', { outcome: 'approve' })],
);

const withField = (f: FormDefinition, name: string, schema: FieldSchema | null): FormDefinition => {
  const properties = { ...f.schema.properties };
  if (schema) properties[name] = schema;
  else delete properties[name];
  const layout = schema
    ? f.layout.includes(name)
      ? f.layout
      : [...f.layout, name]
    : f.layout.filter((n) => n !== name);
  return { ...f, schema: { ...f.schema, properties }, layout };
};

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const rows: { n: number }[] = await app.db.query(sql, params);
  return rows[0]!.n;
}

async function formOf(
  appKey: string,
  formKey: string,
): Promise<{ id: string; version: number; definition: FormDefinition }> {
  const apps = await app.request<AppSummary[]>('GET', '/api/apps', { token: admin });
  const id = apps.body.find((a) => a.key === appKey)!.forms.find((f) => f.key === formKey)!.id;
  const form = await app.request<{ version: number; definition: FormDefinition }>(
    'GET',
    `/api/forms/${id}`,
    { token: admin },
  );
  return { id, version: form.body.version, definition: form.body.definition };
}

async function publishForm(formId: string, definition: FormDefinition): Promise<void> {
  const res = await app.request('POST', `/api/forms/${formId}/versions`, {
    token: admin,
    body: { definition, flow: dealFlow },
  });
  expect(res.status).toBe(201);
}

const audits = (action: string) =>
  count('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]);

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  admin = await app.login('admin');
  rep1 = await app.login('rep1');
  const created = await app.request<AppSummary>('POST', '/api/apps', {
    token: admin,
    body: {
      key: 'kit_src',
      name: { zh: '销售套件', en: 'Sales kit' },
      forms: [{ form: dealV1, flow: dealFlow }],
    },
  });
  expect(created.status).toBe(201);
  const dealId = created.body.forms[0]!.id;
  for (const title of ['Alpha', 'Beta']) {
    const rec = await app.request('POST', `/api/forms/${dealId}/records`, {
      token: rep1,
      body: { data: { title, stage: 'new', amount: 10, score: 'A', legacy: 'old value' } },
    });
    expect(rec.status).toBe(201);
  }
});

afterAll(async () => {
  await app.close();
});

const publishBody = (version: string, samples = false) => ({
  key: 'sales_kit',
  name: { zh: '销售套件', en: 'Sales kit' },
  description: { zh: '交易与审批', en: 'Deals with an approval' },
  version,
  samples,
});

describe('publishing an app as a template', () => {
  it('refuses non-admins, bad bodies, built-in keys and storing nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM template_versions');
    const anonymous = await app.request('POST', '/api/apps/kit_src/publish-template', {
      body: publishBody('1.0.0'),
    });
    expect(anonymous.status).toBe(401);
    const staff = await app.request<Envelope>('POST', '/api/apps/kit_src/publish-template', {
      token: rep1,
      body: publishBody('1.0.0'),
    });
    expect(staff.status).toBe(403);
    const badVersion = await app.request<Envelope>('POST', '/api/apps/kit_src/publish-template', {
      token: admin,
      body: publishBody('v1'),
    });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.code).toBe('validation_failed');
    const builtin = await app.request<Envelope>('POST', '/api/apps/kit_src/publish-template', {
      token: admin,
      body: { ...publishBody('1.0.0'), key: 'crm' },
    });
    expect(builtin.status).toBe(409);
    expect(builtin.body.error.code).toBe('template_key_taken');
    const missing = await app.request<Envelope>('POST', '/api/apps/nowhere/publish-template', {
      token: admin,
      body: publishBody('1.0.0'),
    });
    expect(missing.status).toBe(404);
    expect(await count('SELECT count(*)::int AS n FROM template_versions')).toBe(before);
  });

  it('publishes version 1.0.0 with its sample records, listed in the gallery beside the built-in', async () => {
    const audited = await audits('template.publish');
    const res = await app.request<{
      version: string;
      forms: number;
      flows: number;
      sampleRecords: number;
    }>('POST', '/api/apps/kit_src/publish-template', {
      token: admin,
      body: publishBody('1.0.0', true),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: '1.0.0', forms: 1, flows: 1, sampleRecords: 2 });
    expect(await audits('template.publish')).toBe(audited + 1);
    const again = await app.request<Envelope>('POST', '/api/apps/kit_src/publish-template', {
      token: admin,
      body: publishBody('1.0.0'),
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('version_not_newer');
    const lower = await app.request<Envelope>('POST', '/api/apps/kit_src/publish-template', {
      token: admin,
      body: publishBody('0.9.9'),
    });
    expect(lower.body.error.code).toBe('version_not_newer');

    const gallery = await app.request<{ key: string; source: string; version: string }[]>(
      'GET',
      '/api/templates',
      { token: rep1 },
    );
    expect(gallery.body.map((t) => [t.key, t.source])).toEqual(
      expect.arrayContaining([
        ['crm', 'builtin'],
        ['sales_kit', 'published'],
      ]),
    );
    expect(gallery.body.find((t) => t.key === 'sales_kit')?.version).toBe('1.0.0');
    const preview = await app.request<{
      forms: { form: { key: string }; flow: object | null }[];
      sampleRecords: number;
    }>('GET', '/api/templates/sales_kit', { token: admin });
    expect(preview.body.forms.map((f) => f.form.key)).toEqual(['deal']);
    expect(preview.body.forms[0]!.flow).not.toBeNull();
    expect(preview.body.sampleRecords).toBe(2);
  });
});

describe('installing a published template', () => {
  it('installs it as two independent apps, with the sample records, and refuses a taken key keeping its data', async () => {
    const a = await app.request<AppSummary>('POST', '/api/templates/sales_kit/install', {
      token: admin,
      body: { appKey: 'kit_a' },
    });
    expect(a.status).toBe(201);
    expect(a.body.sampleRecords).toBe(2);
    const b = await app.request<AppSummary>('POST', '/api/templates/sales_kit/install', {
      token: admin,
      body: { appKey: 'kit_b' },
    });
    expect(b.status).toBe(201);
    expect(b.body.forms[0]!.id).not.toBe(a.body.forms[0]!.id);
    const none = await app.request<AppSummary>('POST', '/api/templates/sales_kit/install', {
      token: admin,
      body: { appKey: 'kit_empty', samples: false },
    });
    expect(none.body.sampleRecords).toBe(0);

    // Edit kit_a and add a record, then install into its key again: refused, nothing lost.
    const deal = await formOf('kit_a', 'deal');
    await publishForm(deal.id, withField(deal.definition, 'remark', text('My remark')));
    const submitted = await app.request('POST', `/api/forms/${deal.id}/records`, {
      token: rep1,
      body: { data: { title: 'Local', stage: 'new', score: 'B' } },
    });
    expect(submitted.status).toBe(201);
    const records = await count('SELECT count(*)::int AS n FROM records WHERE form_id = $1', [
      deal.id,
    ]);
    expect(records).toBe(3);
    const versions = await count(
      'SELECT count(*)::int AS n FROM form_versions WHERE form_id = $1',
      [deal.id],
    );
    const twice = await app.request<Envelope>('POST', '/api/templates/sales_kit/install', {
      token: admin,
      body: { appKey: 'kit_a' },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('already_installed');
    expect(
      await count('SELECT count(*)::int AS n FROM records WHERE form_id = $1', [deal.id]),
    ).toBe(records);
    expect(
      await count('SELECT count(*)::int AS n FROM form_versions WHERE form_id = $1', [deal.id]),
    ).toBe(versions);
    expect(
      (await formOf('kit_a', 'deal')).definition.schema.properties.remark?.['x-label'],
    ).toEqual({
      zh: 'My remark',
      en: 'My remark',
    });
    const bad = await app.request<Envelope>('POST', '/api/templates/sales_kit/install', {
      token: admin,
      body: { appKey: 'Kit A!' },
    });
    expect(bad.status).toBe(400);
    const unknown = await app.request<Envelope>('POST', '/api/templates/nothing/install', {
      token: admin,
      body: {},
    });
    expect(unknown.status).toBe(404);
  });
});

describe('upgrading to a newer version', () => {
  let instanceVersion: number;

  beforeAll(async () => {
    // Local edits in kit_a (remark already relabelled): stage options and amount changed.
    const deal = await formOf('kit_a', 'deal');
    let edited = withField(deal.definition, 'stage', {
      ...deal.definition.schema.properties.stage!,
      enum: ['new', 'won', 'paused'],
    } as FieldSchema);
    edited = withField(edited, 'amount', {
      ...edited.schema.properties.amount!,
      'x-label': { zh: '合同金额', en: 'Contract amount' },
    } as FieldSchema);
    await publishForm(deal.id, edited);
    const rows: { form_version: number }[] = await app.db.query(
      `SELECT p.form_version FROM process_instances p WHERE p.form_id = $1 ORDER BY p.created_at LIMIT 1`,
      [deal.id],
    );
    instanceVersion = rows[0]!.form_version;

    // Version 1.1.0 of the source: title relabelled, stage options changed, amount and
    // legacy removed, score turned into a number, a region field added.
    const src = await formOf('kit_src', 'deal');
    let next = withField(src.definition, 'title', text('Deal title', { minLength: 1 }));
    next = withField(next, 'stage', {
      ...next.schema.properties.stage!,
      enum: ['new', 'won', 'lost'],
    } as FieldSchema);
    next = withField(next, 'amount', null);
    next = withField(next, 'legacy', null);
    next = withField(next, 'score', {
      type: 'number',
      'x-widget': 'number',
      'x-label': { zh: '评分', en: 'Score' },
    } as FieldSchema);
    next = withField(next, 'region', text('Region'));
    await publishForm(src.id, next);
    const published = await app.request('POST', '/api/apps/kit_src/publish-template', {
      token: admin,
      body: publishBody('1.1.0'),
    });
    expect(published.status).toBe(201);
  });

  it('shows what changed: applied, kept, conflicts, and the field change that would break records', async () => {
    const gallery = await app.request<
      { key: string; installs: { appKey: string; upgradeAvailable: boolean }[] }[]
    >('GET', '/api/templates', { token: admin });
    const installs = gallery.body.find((t) => t.key === 'sales_kit')!.installs;
    expect(installs.find((i) => i.appKey === 'kit_a')?.upgradeAvailable).toBe(true);

    const plan = await app.request<Plan>('GET', '/api/apps/kit_a/template-upgrade', {
      token: admin,
    });
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({
      installedVersion: '1.0.0',
      availableVersion: '1.1.0',
      upToDate: false,
    });
    const outcome = Object.fromEntries(plan.body.changes.map((c) => [c.id, c.outcome]));
    expect(outcome).toMatchObject({
      'field:deal/title': 'apply',
      'field:deal/stage': 'conflict',
      'field:deal/amount': 'conflict',
      'field:deal/legacy': 'apply',
      'field:deal/region': 'apply',
      'field:deal/score': 'apply',
    });
    // The admin's own relabelled remark is not an upstream change: it is simply kept.
    expect(outcome['field:deal/remark']).toBeUndefined();
    const amount = plan.body.changes.find((c) => c.id === 'field:deal/amount')!;
    expect([amount.upstream, amount.local]).toEqual(['removed', 'changed']);
    expect(plan.body.changes.find((c) => c.id === 'field:deal/score')?.breaksRecords).toBe(3);
    expect(plan.body.conflicts).toBe(2);
    expect(
      (await app.request('GET', '/api/apps/kit_a/template-upgrade', { token: rep1 })).status,
    ).toBe(403);
    const handmade = await app.request<Envelope>('GET', '/api/apps/kit_src/template-upgrade', {
      token: admin,
    });
    expect(handmade.status).toBe(409);
    expect(handmade.body.error.code).toBe('not_from_template');
  });

  it('refuses unresolved conflicts, a stale revision, and record-breaking field changes, changing nothing', async () => {
    const plan = (
      await app.request<Plan>('GET', '/api/apps/kit_a/template-upgrade', { token: admin })
    ).body;
    const deal = await formOf('kit_a', 'deal');
    const unresolved = await app.request<Envelope>('POST', '/api/apps/kit_a/template-upgrade', {
      token: admin,
      body: { revision: plan.revision },
    });
    expect(unresolved.status).toBe(409);
    expect(unresolved.body.error.code).toBe('conflicts_unresolved');
    expect(unresolved.body.error.details?.map((d) => d.id).sort()).toEqual([
      'field:deal/amount',
      'field:deal/stage',
    ]);
    const stale = await app.request<Envelope>('POST', '/api/apps/kit_a/template-upgrade', {
      token: admin,
      body: { revision: '0000', resolutions: {} },
    });
    expect(stale.body.error.code).toBe('template_moved');
    const unknownId = await app.request<Envelope>('POST', '/api/apps/kit_a/template-upgrade', {
      token: admin,
      body: {
        revision: plan.revision,
        resolutions: {
          'field:deal/stage': 'theirs',
          'field:deal/amount': 'mine',
          'field:deal/ghost': 'mine',
        },
      },
    });
    expect(unknownId.status).toBe(400);
    expect(unknownId.body.error.code).toBe('unknown_change');
    const breaking = await app.request<Envelope>('POST', '/api/apps/kit_a/template-upgrade', {
      token: admin,
      body: {
        revision: plan.revision,
        resolutions: { 'field:deal/stage': 'theirs', 'field:deal/amount': 'mine' },
      },
    });
    expect(breaking.status).toBe(422);
    expect(breaking.body.error.code).toBe('records_incompatible');
    expect(breaking.body.error.details).toEqual([{ id: 'field:deal/score', records: 3 }]);
    const bad = await app.request<Envelope>('POST', '/api/apps/kit_a/template-upgrade', {
      token: admin,
      body: { revision: plan.revision, resolutions: { 'field:deal/stage': 'maybe' } },
    });
    expect(bad.status).toBe(400);
    expect((await formOf('kit_a', 'deal')).version).toBe(deal.version);
  });

  it('applies untouched changes, keeps local edits, takes the decisions, and loses no record', async () => {
    const plan = (
      await app.request<Plan>('GET', '/api/apps/kit_a/template-upgrade', { token: admin })
    ).body;
    const before = await formOf('kit_a', 'deal');
    const records: { id: string; data: Record<string, unknown> }[] = await app.db.query(
      'SELECT id, data FROM records WHERE form_id = $1 ORDER BY id',
      [before.id],
    );
    const audited = await audits('template.upgrade');
    const res = await app.request<{
      forms: { key: string; action: string; version: number }[];
      version: string;
    }>('POST', '/api/apps/kit_a/template-upgrade', {
      token: admin,
      body: {
        revision: plan.revision,
        resolutions: {
          'field:deal/stage': 'theirs',
          'field:deal/amount': 'mine',
          'field:deal/score': 'mine',
        },
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.version).toBe('1.1.0');
    expect(res.body.forms).toEqual([
      { key: 'deal', action: 'published', version: before.version + 1 },
    ]);
    expect(await audits('template.upgrade')).toBe(audited + 1);

    const after = await formOf('kit_a', 'deal');
    const p = after.definition.schema.properties;
    expect(p.title?.['x-label']).toEqual({ zh: 'Deal title', en: 'Deal title' });
    expect(p.remark?.['x-label']).toEqual({ zh: 'My remark', en: 'My remark' });
    expect((p.stage as { enum: string[] }).enum).toEqual(['new', 'won', 'lost']);
    expect(p.amount?.['x-label']).toEqual({ zh: '合同金额', en: 'Contract amount' });
    expect(p.score?.type).toBe('string');
    expect(p.region).toBeDefined();
    expect(p.legacy).toBeUndefined();
    expect(after.definition.layout).toEqual([
      'title',
      'stage',
      'amount',
      'remark',
      'score',
      'region',
    ]);

    // Records untouched (the removed field's values stay in them); the instance keeps its version.
    const still: { id: string; data: Record<string, unknown> }[] = await app.db.query(
      'SELECT id, data FROM records WHERE form_id = $1 ORDER BY id',
      [before.id],
    );
    expect(still).toEqual(records);
    expect(still.filter((r) => r.data.legacy === 'old value')).toHaveLength(2);
    const instance: { form_version: number }[] = await app.db.query(
      'SELECT form_version FROM process_instances WHERE form_id = $1 ORDER BY created_at LIMIT 1',
      [before.id],
    );
    expect(instance[0]!.form_version).toBe(instanceVersion);

    const now = (
      await app.request<Plan>('GET', '/api/apps/kit_a/template-upgrade', { token: admin })
    ).body;
    expect(now).toMatchObject({ upToDate: true, installedVersion: '1.1.0', conflicts: 0 });
  });

  it('upgrades an untouched install with every change applied (no conflicts)', async () => {
    const plan = (
      await app.request<Plan>('GET', '/api/apps/kit_empty/template-upgrade', { token: admin })
    ).body;
    expect(plan.conflicts).toBe(0);
    expect(plan.changes.every((c) => c.outcome === 'apply')).toBe(true);
    const res = await app.request('POST', '/api/apps/kit_empty/template-upgrade', {
      token: admin,
      body: { revision: plan.revision },
    });
    expect(res.status).toBe(201);
    const deal = await formOf('kit_empty', 'deal');
    expect(deal.definition.schema.properties.score?.type).toBe('number');
    expect(deal.definition.schema.properties.amount).toBeUndefined();
  });
});

describe('the built-in CRM template', () => {
  it('is installed up to date; when the built-in changes, the untouched change is offered and applied', async () => {
    const fresh = await app.request<Plan>('GET', '/api/apps/crm/template-upgrade', {
      token: admin,
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body).toMatchObject({ upToDate: true, changes: [], conflicts: 0 });

    // As if installed from an older CRM whose campaign name field had another label.
    const apps = await app.request<AppSummary[]>('GET', '/api/apps', { token: admin });
    const campaignId = apps.body
      .find((a) => a.key === 'crm')!
      .forms.find((f) => f.key === 'campaign')!.id;
    const current = await app.request<{ definition: FormDefinition; flow: object | null }>(
      'GET',
      `/api/forms/${campaignId}`,
      { token: admin },
    );
    const field = current.body.definition.layout[0]!;
    const old = withField(current.body.definition, field, {
      ...current.body.definition.schema.properties[field]!,
      'x-label': { zh: '旧名称', en: 'Old label' },
    } as FieldSchema);
    const edited = await app.request('POST', `/api/forms/${campaignId}/versions`, {
      token: admin,
      body: { definition: old, flow: current.body.flow },
    });
    expect(edited.status).toBe(201);
    const crmApp = apps.body.find((a) => a.key === 'crm')!;
    const rows: { base: { forms: { form: FormDefinition; flow: unknown }[] } }[] =
      await app.db.query('SELECT base FROM template_installs WHERE app_id = $1', [crmApp.id]);
    const base = rows[0]!.base;
    base.forms = base.forms.map((f) => (f.form.key === 'campaign' ? { ...f, form: old } : f));
    await app.db.query(
      `UPDATE template_installs SET base = $2, revision = 'older', version = 'older' WHERE app_id = $1`,
      [crmApp.id, JSON.stringify(base)],
    );

    const gallery = await app.request<
      { key: string; installs: { appKey: string; upgradeAvailable: boolean }[] }[]
    >('GET', '/api/templates', { token: admin });
    expect(gallery.body.find((t) => t.key === 'crm')?.installs).toEqual([
      expect.objectContaining({ appKey: 'crm', upgradeAvailable: true }),
    ]);
    const plan = await app.request<Plan>('GET', '/api/apps/crm/template-upgrade', { token: admin });
    expect(plan.body.changes.map((c) => [c.id, c.upstream, c.local, c.outcome])).toEqual([
      [`field:campaign/${field}`, 'changed', 'unchanged', 'apply'],
    ]);
    const records = await count('SELECT count(*)::int AS n FROM records');
    const up = await app.request('POST', '/api/apps/crm/template-upgrade', {
      token: admin,
      body: { revision: plan.body.revision },
    });
    expect(up.status).toBe(201);
    const after = await app.request<{ definition: FormDefinition }>(
      'GET',
      `/api/forms/${campaignId}`,
      {
        token: admin,
      },
    );
    expect(after.body.definition).toEqual(current.body.definition);
    expect(await count('SELECT count(*)::int AS n FROM records')).toBe(records);
  });
});
