import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';
import { edge, flow, Lab, node, requestForm } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';

// POST /api/flows/simulate: the engine's runtime on sample data with the real org and a
// virtual clock. Every call below must leave every table as it was.
let app: TestApp;
let lab: Lab;

interface SimTask {
  nodeId: string;
  kind: string;
  assignees: { id: string; username: string; displayName: string; status: string }[];
}
interface SimAnswer {
  path: { nodeId: string; nodeType: string | null; result?: string }[];
  tasks: SimTask[];
  effects: { type: string; recipients?: string[] }[];
  finalState: { status: string; outcome: string | null };
  stalled: boolean;
  unusedDecisions: { nodeId: string }[];
  people: Record<string, { username: string }>;
  error?: { code: string; details?: { code?: string; instancePath?: string }[] };
}

/** The request form with a computed field the flow branches on. */
const pricedForm: FormDefinition = {
  ...requestForm,
  schema: {
    ...requestForm.schema,
    properties: {
      ...requestForm.schema.properties,
      doubled: {
        type: 'number',
        'x-widget': 'number',
        'x-label': { zh: '双倍', en: 'Doubled' },
        'x-computed': { '*': [{ var: 'amount' }, 2] },
      },
    },
  },
  layout: [...requestForm.layout, 'doubled'],
};

/** Big amounts (by the computed field) go to the head two levels up, others to the own head. */
const pricedFlow = flow(
  'priced',
  [
    node.start(),
    node.of('branch', 'exclusive', {}),
    node.of('head', 'approval', {
      assignees: [{ kind: 'department_head', levels: 1 }],
      mode: 'any',
    }),
    node.of('top', 'approval', {
      assignees: [{ kind: 'department_head', levels: 2 }],
      mode: 'any',
    }),
    node.of('tell', 'notify', {
      recipients: [{ kind: 'role', role: 'sales_rep' }],
      message: { zh: '已批准 {{title}}', en: 'Approved {{title}}' },
    }),
    node.end(),
  ],
  [
    edge('start', 'branch'),
    edge('branch', 'top', { condition: { '>': [{ var: 'doubled' }, 1000] }, priority: 1 }),
    edge('branch', 'head', { isDefault: true }),
    edge('head', 'tell', { outcome: 'approve' }),
    edge('top', 'tell', { outcome: 'approve' }),
    edge('tell', 'end'),
  ],
);

const TABLES = [
  'records',
  'process_instances',
  'tasks',
  'audit_log',
  'record_events',
  'jobs',
  'notifications',
  'incidents',
  'settings',
  'form_versions',
  'form_drafts',
];

async function rowCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const t of TABLES) {
    // Signing in is audited (identity); the test signs users in lazily, between the counts.
    const where = t === 'audit_log' ? ` WHERE action <> 'auth.login'` : '';
    const rows: { n: number }[] = await app.db.query(`SELECT count(*)::int AS n FROM ${t}${where}`);
    counts[t] = rows[0]!.n;
  }
  return counts;
}

let before: Record<string, number>;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  lab = new Lab(app);
  await lab.setUp();
  await lab.publish(pricedFlow, pricedForm);
  before = await rowCounts();
});

afterAll(async () => {
  await app.close();
});

async function simulate(as: string, body: Record<string, unknown>) {
  return app.request<SimAnswer>('POST', '/api/flows/simulate', {
    token: await lab.token(as),
    body,
  });
}

const formId = () => lab.formIds.get('request')!;
const who = (t: SimTask) => `${t.nodeId}:${t.assignees.map((a) => a.username).join('+')}`;

describe('simulating the published flow', () => {
  const cases: {
    description: string;
    as: string;
    body: Record<string, unknown>;
    path: string[];
    tasks: string[];
    outcome: string | null;
    stalled: boolean;
    unused?: number;
  }[] = [
    {
      description: 'a small amount goes to the own department head (the caller submits)',
      as: 'rep1',
      body: { record: { title: 'small', amount: 100 } },
      path: ['start', 'branch', 'head', 'tell', 'end'],
      tasks: ['head:manager1'],
      outcome: 'approved',
      stalled: false,
    },
    {
      description: 'the computed field (2 × 600 > 1000) routes to the head two levels up',
      as: 'rep1',
      body: { record: { title: 'big', amount: 600 } },
      path: ['start', 'branch', 'top', 'tell', 'end'],
      tasks: ['top:director1'],
      outcome: 'approved',
      stalled: false,
    },
    {
      description: 'an admin simulates for another submitter',
      as: 'admin',
      body: { record: { title: 'for rep2', amount: 1 }, submitter: 'rep2' },
      path: ['start', 'branch', 'head', 'tell', 'end'],
      tasks: ['head:manager1'],
      outcome: 'approved',
      stalled: false,
    },
    {
      description: 'a scripted reject ends the instance rejected',
      as: 'rep1',
      body: {
        record: { title: 'reject me', amount: 100 },
        decisions: [{ nodeId: 'head', action: 'reject', by: 'manager1' }],
      },
      path: ['start', 'branch', 'head'],
      tasks: ['head:manager1'],
      outcome: 'rejected',
      stalled: false,
    },
    {
      description: 'no decisions: the instance waits at the first task',
      as: 'rep1',
      body: { record: { title: 'waiting', amount: 100 }, decisions: [] },
      path: ['start', 'branch', 'head'],
      tasks: ['head:manager1'],
      outcome: null,
      stalled: true,
    },
    {
      description: 'a decision for a node never reached stays unused',
      as: 'rep1',
      body: {
        record: { title: 'unused', amount: 100 },
        decisions: [{ nodeId: 'top', action: 'approve' }],
      },
      path: ['start', 'branch', 'head'],
      tasks: ['head:manager1'],
      outcome: null,
      stalled: true,
      unused: 1,
    },
  ];

  it.each(cases)('$description', async (c) => {
    const res = await simulate(c.as, { formId: formId(), ...c.body });
    expect(res.status).toBe(200);
    expect(res.body.path.map((p) => p.nodeId)).toEqual(c.path);
    expect(res.body.tasks.map(who)).toEqual(c.tasks);
    expect(res.body.finalState.outcome).toBe(c.outcome);
    expect(res.body.stalled).toBe(c.stalled);
    expect(res.body.unusedDecisions).toHaveLength(c.unused ?? 0);
  });

  it('names who receives each task and each notification', async () => {
    const res = await simulate('rep1', { formId: formId(), record: { title: 'names', amount: 5 } });
    const [task] = res.body.tasks;
    expect(task).toMatchObject({ nodeId: 'head', kind: 'approval' });
    expect(task!.assignees).toEqual([
      {
        id: lab.uid('manager1'),
        username: 'manager1',
        displayName: '钱经理 Manager Qian',
        status: 'approved',
      },
    ]);
    const notify = res.body.effects.find((e) => e.type === 'notify');
    // Every holder of the sales_rep role in the demo organisation.
    expect(notify?.recipients?.map((id) => res.body.people[id]?.username).sort()).toEqual([
      'rep1',
      'rep2',
      'rep3',
      'rep4',
    ]);
    expect(res.body.path.find((p) => p.nodeId === 'branch')?.nodeType).toBe('exclusive');
  });
});

describe('simulating a draft flow', () => {
  const draft: FlowDefinition = flow(
    'draft',
    [node.start(), node.approval('one', ['rep2']), node.approval('two', ['director1']), node.end()],
    [
      edge('start', 'one'),
      edge('one', 'two', { outcome: 'approve' }),
      edge('two', 'end', { outcome: 'approve' }),
    ],
  );

  it('runs the draft instead of the published flow (admins)', async () => {
    const res = await simulate('admin', {
      formId: formId(),
      flow: draft,
      record: { title: 'draft' },
    });
    expect(res.status).toBe(200);
    expect(res.body.tasks.map(who)).toEqual(['one:rep2', 'two:director1']);
    expect(res.body.finalState).toEqual({ status: 'completed', outcome: 'approved' });
  });

  it('runs a draft without a form on the record as given', async () => {
    const res = await simulate('admin', { flow: draft, record: { anything: 1 } });
    expect(res.status).toBe(200);
    expect(res.body.finalState.outcome).toBe('approved');
  });

  it('is refused to non-admins', async () => {
    const res = await simulate('rep1', { formId: formId(), flow: draft, record: { title: 'x' } });
    expect(res.status).toBe(403);
    expect(res.body.error?.code).toBe('forbidden');
  });

  it('checks the draft like publishing does: 422 with the codes', async () => {
    const broken = flow(
      'broken',
      [node.start(), node.of('branch', 'exclusive', {}), node.approval('a', []), node.end()],
      [
        edge('start', 'branch'),
        edge('branch', 'a', { condition: { var: 'nosuchfield' }, priority: 1 }),
        edge('a', 'end', { outcome: 'approve' }),
      ],
    );
    const res = await simulate('admin', { formId: formId(), flow: broken, record: { title: 'x' } });
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('definition_invalid');
    const codes = res.body.error?.details?.map((d) => d.code) ?? [];
    expect(codes).toEqual(expect.arrayContaining(['branch_without_default', 'missing_assignee']));
  });
});

describe('bad input answers the one envelope', () => {
  const cases: { description: string; as?: string; body: unknown; status: number; code: string }[] =
    [
      { description: 'no record', body: {}, status: 400, code: 'validation_failed' },
      {
        description: 'neither form nor flow',
        body: { record: {} },
        status: 400,
        code: 'validation_failed',
      },
      {
        description: 'an unknown property',
        body: { record: {}, extra: 1 },
        status: 400,
        code: 'validation_failed',
      },
      {
        description: 'a record the form refuses (title required)',
        body: { formIdKey: true, record: { amount: 3 } },
        status: 400,
        code: 'validation_failed',
      },
      {
        description: 'an unknown submitter',
        body: { formIdKey: true, record: { title: 'x' }, submitter: 'nobody' },
        status: 400,
        code: 'unknown_user',
      },
      {
        description: 'an unknown decider',
        body: {
          formIdKey: true,
          record: { title: 'x' },
          decisions: [{ nodeId: 'head', action: 'approve', by: 'ghost' }],
        },
        status: 400,
        code: 'unknown_user',
      },
      {
        description: 'a date that is not one',
        body: { formIdKey: true, record: { title: 'x' }, startAt: '2025-02-30T25:00:00Z' },
        status: 400,
        code: 'validation_failed',
      },
      {
        description: 'a form that does not exist',
        body: { formId: '00000000-0000-4000-8000-000000000000', record: { title: 'x' } },
        status: 404,
        code: 'not_found',
      },
      {
        description: 'a return to a node never visited',
        body: {
          formIdKey: true,
          record: { title: 'x' },
          decisions: [{ nodeId: 'head', action: 'return', toNodeId: 'top' }],
        },
        status: 422,
        code: 'invalid_return_target',
      },
    ];

  it.each(cases)('$description → $status $code', async (c) => {
    const { formIdKey, ...rest } = c.body as { formIdKey?: boolean };
    const body = formIdKey ? { formId: formId(), ...rest } : rest;
    const res = await simulate(c.as ?? 'rep1', body);
    expect(res.status).toBe(c.status);
    expect(res.body.error).toMatchObject({ status: c.status, code: c.code });
  });

  it('needs a signed-in user', async () => {
    const res = await app.request<SimAnswer>('POST', '/api/flows/simulate', {
      body: { formId: formId(), record: { title: 'x' } },
    });
    expect(res.status).toBe(401);
  });
});

describe('OpenAPI', () => {
  it('documents every route of the flows module with its body and answer', async () => {
    const res = await app.request<{
      paths: Record<string, Record<string, { requestBody?: unknown; responses?: unknown }>>;
    }>('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    const routes = Object.entries(res.body.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /api/flows/simulate',
        'GET /api/calendar',
        'PUT /api/calendar',
        'GET /api/forms/{formId}/versions',
        'GET /api/forms/{formId}/versions/{version}',
        'GET /api/forms/{formId}/draft',
        'PUT /api/forms/{formId}/draft',
        'POST /api/forms/{formId}/migrations',
      ]),
    );
    const simulateOp = res.body.paths['/api/flows/simulate']?.post;
    expect(JSON.stringify(simulateOp?.requestBody)).toContain('"required":["record"]');
    expect(JSON.stringify(simulateOp?.responses)).toContain('unusedDecisions');
    const migrateOp = res.body.paths['/api/forms/{formId}/migrations']?.post;
    expect(JSON.stringify(migrateOp?.requestBody)).toContain('nodeMapping');
  });
});

describe('nothing is stored', () => {
  it('leaves every table as it was after all the simulations above', async () => {
    expect(await rowCounts()).toEqual(before);
  });
});
