import type {
  AppDefinition,
  FlowDefinition,
  FlowEdge,
  FlowNode,
  FormDefinition,
} from '@liuyun/definitions';
import type { RecordView } from '../../src/modules/records/records.service';
import type { TaskItem } from '../../src/modules/processes/task-views.service';
import type { TestApp } from './test-app';

/** What Lab needs of an engine: HTTP, sign-in, and SQL reads for checks. */
export type LabTarget = Pick<TestApp, 'request' | 'login'> & {
  db: { query<T>(sql: string, params?: unknown[]): Promise<T> };
};

/** A small app for process tests: a request form, a log form and a sub-process form. */
const text = (zh: string, en: string) => ({
  type: 'string' as const,
  'x-widget': 'text' as const,
  'x-label': { zh, en },
  maxLength: 200,
});

export const requestForm: FormDefinition = {
  key: 'request',
  name: { zh: '申请', en: 'Request' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title'],
    properties: {
      title: { ...text('标题', 'Title'), minLength: 1 },
      amount: {
        type: 'number',
        minimum: 0,
        'x-widget': 'money',
        'x-label': { zh: '金额', en: 'Amount' },
      },
      notes: {
        type: 'string',
        maxLength: 2000,
        'x-widget': 'textarea',
        'x-label': { zh: '备注', en: 'Notes' },
      },
      owner: text('负责人', 'Owner'),
      status: {
        type: 'string',
        enum: ['pending', 'approved', 'rejected', 'done'],
        'x-widget': 'select',
        'x-readonly': true,
        'x-label': { zh: '状态', en: 'Status' },
      },
    },
  },
  layout: ['title', 'amount', 'notes', 'owner', 'status'],
};

export const logForm: FormDefinition = {
  key: 'log',
  name: { zh: '日志', en: 'Log' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['message'],
    properties: {
      message: { ...text('内容', 'Message'), minLength: 1 },
      amount: { type: 'number', 'x-widget': 'number', 'x-label': { zh: '金额', en: 'Amount' } },
    },
  },
  layout: ['message', 'amount'],
};

export const subForm: FormDefinition = {
  key: 'sub',
  name: { zh: '子流程', en: 'Sub' },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['title'],
    properties: { title: { ...text('标题', 'Title'), minLength: 1 } },
  },
  layout: ['title'],
};

const n = (id: string, type: FlowNode['type'], settings: object): FlowNode =>
  ({ id, type, name: { zh: id, en: id }, settings }) as FlowNode;

export const node = {
  start: () => n('start', 'start', { trigger: 'form_submit' }),
  end: (id = 'end', outcome: 'approved' | 'rejected' = 'approved') => n(id, 'end', { outcome }),
  approval: (id: string, usernames: string[], extra: object = {}) =>
    n(id, 'approval', {
      assignees: usernames.map((u) => ({ kind: 'user', username: u })),
      mode: 'any',
      ...extra,
    }),
  of: n,
};

let edgeSeq = 0;
export function edge(source: string, target: string, extra: Partial<FlowEdge> = {}): FlowEdge {
  edgeSeq += 1;
  return { id: `e${edgeSeq}_${source}_${target}`, source, target, ...extra };
}

export function flow(key: string, nodes: FlowNode[], edges: FlowEdge[]): FlowDefinition {
  return { key, name: { zh: key, en: key }, nodes, edges };
}

/** start → approval(manager1) → end: the request form's first flow. */
export const simpleFlow = flow(
  'simple',
  [node.start(), node.approval('ok', ['manager1']), node.end()],
  [edge('start', 'ok'), edge('ok', 'end', { outcome: 'approve' })],
);

export const subFlow = flow(
  'sub_flow',
  [
    node.start(),
    node.approval('sub_ok', ['manager1']),
    node.end('sub_yes'),
    node.end('sub_no', 'rejected'),
  ],
  [
    edge('start', 'sub_ok'),
    edge('sub_ok', 'sub_yes', { outcome: 'approve' }),
    edge('sub_ok', 'sub_no', { outcome: 'reject' }),
  ],
);

export const labApp: AppDefinition = {
  key: 'lab',
  name: { zh: '实验', en: 'Lab' },
  forms: [
    { form: requestForm, flow: simpleFlow },
    { form: logForm },
    { form: subForm, flow: subFlow },
  ],
};

/** Driving the lab app over HTTP. */
export class Lab {
  readonly tokens = new Map<string, string>();
  formIds = new Map<string, string>();
  userIds = new Map<string, string>();

  constructor(readonly app: LabTarget) {}

  async setUp(): Promise<void> {
    const admin = await this.token('admin');
    const res = await this.app.request<{ forms: { id: string; key: string }[] }>(
      'POST',
      '/api/apps',
      { token: admin, body: labApp },
    );
    if (res.status !== 201)
      throw new Error(`creating the lab app failed: ${res.status} ${JSON.stringify(res.body)}`);
    this.formIds = new Map(res.body.forms.map((f) => [f.key, f.id]));
    const users: { id: string; username: string }[] = await this.app.db.query(
      'SELECT id, username FROM users',
    );
    this.userIds = new Map(users.map((u) => [u.username, u.id]));
  }

  async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const t = await this.app.login(username);
    this.tokens.set(username, t);
    return t;
  }

  uid(username: string): string {
    const id = this.userIds.get(username);
    if (!id) throw new Error(`no user ${username}`);
    return id;
  }

  /** Publishes a new version of the request form with this flow. */
  async publish(f: FlowDefinition, form: FormDefinition = requestForm): Promise<void> {
    const res = await this.app.request(
      'POST',
      `/api/forms/${this.formIds.get(form.key)}/versions`,
      {
        token: await this.token('admin'),
        body: { definition: form, flow: f },
      },
    );
    if (res.status !== 201)
      throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
  }

  async submit(as: string, data: Record<string, unknown>, form = 'request'): Promise<RecordView> {
    const res = await this.app.request<RecordView>(
      'POST',
      `/api/forms/${this.formIds.get(form)}/records`,
      {
        token: await this.token(as),
        body: { data },
      },
    );
    if (res.status !== 201)
      throw new Error(`submit failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async record(id: string): Promise<RecordView> {
    const res = await this.app.request<RecordView>('GET', `/api/records/${id}`, {
      token: await this.token('admin'),
    });
    return res.body;
  }

  async openTasks(recordId: string): Promise<TaskItem[]> {
    return ((await this.record(recordId)).tasks ?? []).filter((t) => t.status === 'open');
  }

  /** The open task of `username` at `nodeId` on the record. */
  async taskOf(recordId: string, username: string, nodeId?: string): Promise<TaskItem> {
    const task = (await this.openTasks(recordId)).find(
      (t) => t.assignee?.username === username && (nodeId === undefined || t.nodeId === nodeId),
    );
    if (!task) throw new Error(`no open task for ${username}${nodeId ? ` at ${nodeId}` : ''}`);
    return task;
  }

  async act(recordId: string, username: string, body: Record<string, unknown>, nodeId?: string) {
    const task = await this.taskOf(recordId, username, nodeId);
    return this.app.request<{ error?: { code: string } }>('POST', `/api/tasks/${task.id}/actions`, {
      token: await this.token(username),
      body,
    });
  }

  /** Open tasks as `node:username` strings, sorted. */
  async openSummary(recordId: string): Promise<string[]> {
    return (await this.openTasks(recordId))
      .map((t) => `${t.nodeId}:${t.assignee?.username}`)
      .sort();
  }
}
