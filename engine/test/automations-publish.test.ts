import type { JsonObject } from '@liuyun/definitions';
import type { AutomationView } from '../src/modules/automations/automation.types';
import { AutomationLab, line, step, type AutomationBody } from './automations-app.fixture';
import { node } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';

// Publish-time checks: every automation is checked against the app's published forms,
// and loops between the app's enabled automations are refused with the cycle named.
let app: TestApp;
let lab: AutomationLab;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  lab = new AutomationLab(app);
  await lab.setUpOps();
});

afterAll(async () => {
  await app.close();
});

const name = { zh: 'x', en: 'x' };
const onLead = { kind: 'record_created', form: 'lead' };

interface Case {
  description: string;
  body: AutomationBody;
  code: string;
  path?: string;
}

const invalid: Case[] = [
  {
    description: 'update_record of a field the form lacks',
    body: { key: 'k', name, trigger: onLead, flow: line(step.update('u', { nope: 1 })) },
    code: 'unknown_field',
    path: '/flow/nodes/1/settings/set/nope',
  },
  {
    description: 'a rule reading an unknown field',
    body: {
      key: 'k',
      name,
      trigger: onLead,
      flow: line(step.update('u', { score: { var: 'ghost' } })),
    },
    code: 'unknown_field',
  },
  {
    description: 'an approval node (automations have no people)',
    body: { key: 'k', name, trigger: onLead, flow: line(node.approval('ok', ['manager1'])) },
    code: 'node_not_allowed',
  },
  {
    description: 'a create_record into a form the app lacks',
    body: { key: 'k', name, trigger: onLead, flow: line(step.create('c', 'nowhere', { a: 1 })) },
    code: 'unknown_form',
  },
  {
    description: 'a create_record setting a field the target lacks',
    body: { key: 'k', name, trigger: onLead, flow: line(step.create('c', 'task', { nope: 1 })) },
    code: 'unknown_field',
  },
  {
    description: 'update_record on a webhook trigger (no record)',
    body: { key: 'k', name, trigger: { kind: 'webhook' }, flow: line(step.update('u', { a: 1 })) },
    code: 'update_without_record',
  },
  {
    description: 'an invalid cron',
    body: {
      key: 'k',
      name,
      trigger: { kind: 'schedule', cron: '61 * * * *' },
      flow: line(step.notify('n', ['admin'], 'x')),
    },
    code: 'invalid_cron',
  },
  {
    description: 'a watched field the form lacks',
    body: {
      key: 'k',
      name,
      trigger: { kind: 'record_updated', form: 'lead', watchFields: ['ghost'] },
      flow: line(step.notify('n', ['admin'], 'x')),
    },
    code: 'unknown_field',
    path: '/trigger/watchFields/0',
  },
  {
    description: 'a condition with an unknown operator',
    body: {
      key: 'k',
      name,
      trigger: { kind: 'record_created', form: 'lead', condition: { eval: ['x'] } },
      flow: line(step.notify('n', ['admin'], 'x')),
    },
    code: 'invalid_rule',
  },
  {
    description: 'a process trigger on a node the process lacks',
    body: {
      key: 'k',
      name,
      trigger: { kind: 'process_reached_node', form: 'deal', nodeId: 'ghost' },
      flow: line(step.notify('n', ['admin'], 'x')),
    },
    code: 'edge_unknown_node',
  },
  {
    description: 'a query with the name of a field',
    body: {
      key: 'k',
      name,
      trigger: onLead,
      flow: line(step.query('q', { form: 'task', aggregate: 'count', into: 'amount' })),
    },
    code: 'name_clash',
  },
];

describe('definition checks', () => {
  it.each(invalid)('refuses $description with $code', async ({ body, code, path }) => {
    const res = await lab.tryCreate(body);
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('definition_invalid');
    const details = res.body.error?.details ?? [];
    expect(details.map((d) => d.code)).toContain(code);
    if (path) expect(details.find((d) => d.code === code)?.path).toBe(path);
    // Only the lab app's: the CRM template installed on start brings its own automations.
    expect(
      await app.db.query(
        `SELECT 1 FROM automations a JOIN apps p ON p.id = a.app_id WHERE p.key <> 'crm'`,
      ),
    ).toEqual([]);
  });

  it('answers a malformed body with 400, and non-admins with 403', async () => {
    const bad = await lab.tryCreate({
      key: 'k',
      name,
      trigger: { kind: 'telepathy' },
      flow: line(),
    });
    expect(bad.status).toBe(400);
    const body = { key: 'k', name, trigger: onLead, flow: line(step.notify('n', ['admin'], 'x')) };
    expect((await lab.tryCreate(body, 'rep1')).status).toBe(403);
  });
});

describe('loop detection', () => {
  const leadToTask = {
    key: 'lead_to_task',
    name,
    trigger: onLead,
    flow: line(step.create('c', 'task', { title: { var: 'name' } })),
  };
  const taskToLead = {
    key: 'task_to_lead',
    name,
    trigger: { kind: 'record_created', form: 'task' },
    flow: line(step.create('c', 'lead', { name: { var: 'title' } })),
  };

  it('refuses the automation that closes a cycle, naming it', async () => {
    await lab.create(leadToTask);
    const res = await lab.tryCreate(taskToLead);
    expect(res.status).toBe(422);
    const loop = res.body.error?.details?.find((d) => d.code === 'automation_loop');
    expect(loop?.cycle).toEqual(['task_to_lead', 'lead_to_task', 'task_to_lead']);
    expect(String(loop?.message)).toContain('lead_to_task (creates "task")');
  });

  it('accepts the same automation disabled, and refuses enabling it', async () => {
    const off: AutomationView = await lab.create({ ...taskToLead, enabled: false });
    const res = await app.request<{ error: { code: string; details: JsonObject[] } }>(
      'PUT',
      `/api/automations/${off.id}`,
      {
        token: await lab.token('admin'),
        body: { name, enabled: true, trigger: off.trigger, flow: off.flow },
      },
    );
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d) => d.code)).toEqual(['automation_loop']);
  });

  it('finds an automation updating its own trigger form, unless the watched fields keep apart', async () => {
    const self = {
      key: 'self',
      name,
      trigger: { kind: 'record_updated', form: 'lead' },
      flow: line(step.update('u', { score: 1 })),
    };
    const res = await lab.tryCreate(self);
    expect(res.body.error?.details?.[0]).toMatchObject({
      code: 'automation_loop',
      cycle: ['self', 'self'],
    });
    const watched = {
      ...self,
      trigger: { kind: 'record_updated', form: 'lead', watchFields: ['status'] },
    };
    expect((await lab.tryCreate(watched)).status).toBe(201);
  });
});

describe('CRUD', () => {
  it('lists, reads, replaces and deletes, with audit rows', async () => {
    const a = await lab.create({
      key: 'crud',
      name,
      trigger: onLead,
      flow: line(step.notify('n', ['admin'], 'hi')),
    });
    const admin = await lab.token('admin');
    const list = await app.request<AutomationView[]>('GET', '/api/apps/ops/automations', {
      token: admin,
    });
    expect(list.body.map((x) => x.key)).toContain('crud');
    const put = await app.request<AutomationView>('PUT', `/api/automations/${a.id}`, {
      token: admin,
      body: { name: { zh: '新', en: 'New' }, trigger: a.trigger, flow: a.flow },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ revision: 2, name: { en: 'New' }, enabled: true });
    const renamed = await app.request('PUT', `/api/automations/${a.id}`, {
      token: admin,
      body: { key: 'other', name, trigger: a.trigger, flow: a.flow },
    });
    expect(renamed.status).toBe(422);
    expect((await app.request('DELETE', `/api/automations/${a.id}`, { token: admin })).status).toBe(
      204,
    );
    expect((await app.request('GET', `/api/automations/${a.id}`, { token: admin })).status).toBe(
      404,
    );
    const audit: { action: string }[] = await app.db.query(
      'SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq',
      [a.id],
    );
    expect(audit.map((r) => r.action)).toEqual([
      'automation.create',
      'automation.update',
      'automation.delete',
    ]);
    expect((await lab.tryCreate({ key: 'self', name, trigger: onLead, flow: a.flow })).status).toBe(
      409,
    );
  });
});
