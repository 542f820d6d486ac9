import type {
  AppDefinition,
  FieldSchema,
  FlowEdge,
  FormDefinition,
  JsonObject,
} from '@liuyun/definitions';
import type {
  AutomationFlow,
  AutomationRunView,
  AutomationView,
  DeleteRecordSettings,
  QuerySettings,
} from '../src/modules/automations/automation.types';
import type { RecordView } from '../src/modules/records/records.service';
import { Lab, edge, flow, node } from './support/lab-app';
import type { TestApp } from './support/test-app';

/** A small CRM-ish app for automation tests: leads, tasks, deals (with a process), a chain. */
const label = (en: string) => ({ zh: en, en });
const text = (en: string): FieldSchema => ({
  type: 'string',
  maxLength: 200,
  'x-widget': 'text',
  'x-label': label(en),
});
const num = (en: string): FieldSchema => ({
  type: 'number',
  'x-widget': 'number',
  'x-label': label(en),
});

function form(key: string, properties: Record<string, FieldSchema>, required: string[]) {
  const definition: FormDefinition = {
    key,
    name: label(key),
    schema: { type: 'object', additionalProperties: false, required, properties },
    layout: Object.keys(properties),
  };
  return definition;
}

export const leadForm = form(
  'lead',
  {
    name: { ...text('Name'), minLength: 1 },
    amount: num('Amount'),
    status: {
      type: 'string',
      enum: ['new', 'qualified', 'lost'],
      'x-widget': 'select',
      'x-label': label('Status'),
    },
    owner: text('Owner'),
    score: num('Score'),
    due: { type: 'string', format: 'date', 'x-widget': 'date', 'x-label': label('Due') },
  },
  ['name'],
);

export const taskForm = form(
  'task',
  { title: { ...text('Title'), minLength: 1 }, lead: text('Lead'), amount: num('Amount') },
  ['title'],
);

export const dealForm = form('deal', { title: { ...text('Title'), minLength: 1 } }, ['title']);

/** c1 … c7: a chain of forms, each automation writing the next. */
export const chainForms = [1, 2, 3, 4, 5, 6, 7].map((i) => form(`c${i}`, { n: num('N') }, []));

export const dealFlow = flow(
  'deal_flow',
  [
    node.start(),
    node.approval('review', ['manager1']),
    node.end('won'),
    node.end('lost', 'rejected'),
  ],
  [
    edge('start', 'review'),
    edge('review', 'won', { outcome: 'approve' }),
    edge('review', 'lost', { outcome: 'reject' }),
  ],
);

export const opsApp: AppDefinition = {
  key: 'ops',
  name: label('Ops'),
  forms: [
    { form: leadForm },
    { form: taskForm },
    { form: dealForm, flow: dealFlow },
    ...chainForms.map((f) => ({ form: f })),
  ],
};

let seq = 0;
type StepNode = AutomationFlow['nodes'][number];

/** start → steps… → end, in a line. */
export function line(...steps: StepNode[]): AutomationFlow {
  seq += 1;
  const nodes: StepNode[] = [node.start(), ...steps, node.end()];
  const edges: FlowEdge[] = nodes
    .slice(1)
    .map((n, i) => ({ id: `a${seq}_${i}`, source: nodes[i]!.id, target: n.id }));
  return { key: `auto_${seq}`, name: label(`auto ${seq}`), nodes, edges };
}

export const step = {
  create: (id: string, formKey: string, set: JsonObject, extra: JsonObject = {}): StepNode =>
    node.of(id, 'create_record', { form: formKey, mode: 'create', set, ...extra }),
  update: (id: string, set: JsonObject): StepNode => node.of(id, 'update_record', { set }),
  notify: (id: string, usernames: string[], en: string): StepNode =>
    node.of(id, 'notify', {
      recipients: usernames.map((username) => ({ kind: 'user', username })),
      message: { zh: en, en },
    }),
  webhook: (id: string, url: string, body: JsonObject): StepNode =>
    node.of(id, 'webhook', { url, method: 'POST', body }),
  remove: (id: string, settings: DeleteRecordSettings = {}): StepNode => ({
    id,
    type: 'delete_record',
    name: label(id),
    settings,
  }),
  query: (id: string, settings: QuerySettings): StepNode => ({
    id,
    type: 'query',
    name: label(id),
    settings,
  }),
};

/** An automation as sent to the API (possibly invalid, on purpose). */
export type AutomationBody = Record<string, unknown>;

/** Driving automations over HTTP, with SQL reads for checks. */
export class AutomationLab extends Lab {
  constructor(readonly test: TestApp) {
    super(test);
  }

  async setUpOps(): Promise<void> {
    await this.setUp();
    const res = await this.app.request<{ forms: { id: string; key: string }[] }>(
      'POST',
      '/api/apps',
      {
        token: await this.token('admin'),
        body: opsApp,
      },
    );
    if (res.status !== 201) throw new Error(`ops app: ${res.status} ${JSON.stringify(res.body)}`);
    for (const f of res.body.forms) this.formIds.set(f.key, f.id);
  }

  /** POST an automation; returns the raw answer. */
  async tryCreate(body: AutomationBody, as = 'admin') {
    return this.app.request<AutomationView & { error?: { code: string; details?: JsonObject[] } }>(
      'POST',
      '/api/apps/ops/automations',
      { token: await this.token(as), body },
    );
  }

  async create(body: AutomationBody): Promise<AutomationView> {
    const res = await this.tryCreate(body);
    if (res.status !== 201)
      throw new Error(`automation ${String(body.key)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async disable(a: AutomationView): Promise<void> {
    const res = await this.app.request('PUT', `/api/automations/${a.id}`, {
      token: await this.token('admin'),
      body: { name: a.name, enabled: false, trigger: a.trigger, flow: a.flow },
    });
    if (res.status !== 200) throw new Error(`disable: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async edit(recordId: string, data: JsonObject, as = 'admin'): Promise<RecordView> {
    const current = await this.record(recordId);
    const res = await this.app.request<RecordView>('PATCH', `/api/records/${recordId}`, {
      token: await this.token(as),
      body: { data },
      headers: { 'if-match': `"${current.version}"` },
    });
    if (res.status !== 200) throw new Error(`edit: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async runs(automationId: string, status?: string): Promise<AutomationRunView[]> {
    const q = `automationId=${automationId}${status ? `&status=${status}` : ''}`;
    const res = await this.app.request<AutomationRunView[]>('GET', `/api/automation-runs?${q}`, {
      token: await this.token('admin'),
    });
    if (res.status !== 200) throw new Error(`runs: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Works the job queue until nothing is due (at `asOf` when given). */
  drain(asOf?: Date): Promise<number> {
    return this.test.worker.drain(asOf ? { asOf } : {});
  }

  /** Live (not deleted) records of a form, oldest first. */
  async rows(formKey: string): Promise<{ id: string; data: JsonObject; created_by: string }[]> {
    return this.app.db.query(
      'SELECT id, data, created_by FROM records WHERE form_id = $1 AND deleted_at IS NULL ORDER BY created_at, id',
      [this.formIds.get(formKey)],
    );
  }
}
