import { NotificationDispatcher } from '../../../src/modules/notifications/notification-dispatcher.service';
import type { RecordView } from '../../../src/modules/records/records.service';
import { formIdOf, quoteData } from '../quote-fixtures';
import type { TestApp } from '../test-app';

/** The six actors of the S5 matrix, in the order each route is called as them. */
export const ACTORS = [
  'anonymous',
  'noPermission',
  'otherDepartment',
  'nonAssignee',
  'assignee',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

/** Who plays each actor (anonymous: nobody). */
export const ACTOR_USERS: Record<Exclude<Actor, 'anonymous'>, string> = {
  // A signed-in user of the quote's department holding no role, so no permission set.
  noPermission: 'matrix_nobody',
  // The head of another sales department: the same role as the assignee, other rows.
  otherDepartment: 'manager2',
  // The rep who submitted the quote: sees the record, does not hold its approval task.
  nonAssignee: 'rep1',
  // The head of sales, to whom the quote's approval task is assigned.
  assignee: 'manager1',
  admin: 'admin',
};

/** Text only the quote's owner, the assignee and administrators may ever read. */
export const SECRET = 'S5-MATRIX-SECRET-7f3a';

export interface Fixtures {
  tokens: Record<Exclude<Actor, 'anonymous'>, string>;
  appKey: string;
  quoteFormId: string;
  customerFormId: string;
  leadFormId: string;
  /** rep1's customer (named with the secret) and quote under approval with manager1's task. */
  customerId: string;
  quoteId: string;
  taskId: string;
  /** A throwaway lab app whose form builders may change freely. */
  labAppKey: string;
  labFormId: string;
  nobodyId: string;
  spareUserId: string;
  spareDepartmentId: string;
  spareRoleId: string;
  spareSetId: string;
  automationId: string;
  dashboardId: string;
  viewId: string;
  fileId: string;
  notificationId: string;
  publicToken: string;
  calendar: unknown;
  /** Makes a fresh object for a call that consumes it. */
  fresh: {
    quote(): Promise<{ quoteId: string; taskId: string }>;
    user(): Promise<string>;
    department(): Promise<string>;
    role(): Promise<string>;
    permissionSet(): Promise<string>;
    view(): Promise<string>;
    login(actor: Exclude<Actor, 'anonymous'>): Promise<string>;
  };
  unique(prefix: string): string;
}

let counter = 0;
const unique = (prefix: string): string => `${prefix}_${Date.now().toString(36)}_${++counter}`;

function must<T>(res: { status: number; body: unknown }, what: string, ok = [200, 201]): T {
  if (!ok.includes(res.status))
    throw new Error(`fixture ${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as T;
}

const labApp = (key: string): unknown => ({
  key,
  name: { zh: '矩阵', en: 'Matrix lab' },
  forms: [
    {
      form: {
        key: 'note',
        name: { zh: '笔记', en: 'Note' },
        schema: {
          type: 'object',
          additionalProperties: false,
          required: ['title'],
          properties: {
            title: {
              type: 'string',
              maxLength: 200,
              'x-widget': 'text',
              'x-label': { zh: '标题', en: 'Title' },
            },
          },
        },
        layout: ['title'],
      },
    },
  ],
});

/** Seeds everything the matrix calls routes with, through the API as the right people. */
export async function seedMatrix(app: TestApp): Promise<Fixtures> {
  const admin = await app.login('admin');
  const rep1 = await app.login('rep1');
  const depts = must<{ id: string; name: string }[]>(
    await app.request('GET', '/api/admin/departments', { token: admin }),
    'departments',
  );
  const sales = depts.find((d) => d.name.includes('Sales') && !d.name.includes('South'));
  if (!sales) throw new Error('no sales department');
  const hq = depts.find((d) => d.name.includes('Headquarters'))!;
  const nobody = must<{ id: string }>(
    await app.request('POST', '/api/admin/users', {
      token: admin,
      body: {
        username: ACTOR_USERS.noPermission,
        displayName: 'Matrix Nobody',
        password: 'matrix-pass-1',
        departmentId: sales.id,
        roles: [],
      },
    }),
    'no-permission user',
  );
  const tokens = {
    admin,
    nonAssignee: rep1,
    assignee: await app.login('manager1'),
    otherDepartment: await app.login('manager2'),
    noPermission: await app.login(ACTOR_USERS.noPermission, 'matrix-pass-1'),
  };
  const quoteFormId = await formIdOf(app, admin, 'quote');
  const customerFormId = await formIdOf(app, admin, 'customer');
  const leadFormId = await formIdOf(app, admin, 'lead');
  const customer = must<RecordView>(
    await app.request('POST', `/api/forms/${customerFormId}/records`, {
      token: rep1,
      body: { data: { name: `${SECRET} Customer` } },
    }),
    'customer',
  );

  const freshQuote = async (): Promise<{ quoteId: string; taskId: string }> => {
    const quote = must<RecordView>(
      await app.request('POST', `/api/forms/${quoteFormId}/records`, {
        token: rep1,
        body: { data: { ...quoteData(15, `${SECRET} Quote`), customer: customer.id } },
      }),
      'quote',
    );
    const seen = must<RecordView>(
      await app.request('GET', `/api/records/${quote.id}`, { token: tokens.assignee }),
      'quote as manager1',
    );
    const task = seen.tasks?.find((t) => t.status === 'open');
    if (!task) throw new Error('the quote has no open task for manager1');
    return { quoteId: quote.id, taskId: task.id };
  };
  const { quoteId, taskId } = await freshQuote();

  const freshUser = async (): Promise<string> =>
    must<{ id: string }>(
      await app.request('POST', '/api/admin/users', {
        token: admin,
        body: { username: unique('spare'), displayName: 'Spare', password: 'spare-pass-1' },
      }),
      'spare user',
    ).id;
  const freshDepartment = async (): Promise<string> =>
    must<{ id: string }>(
      await app.request('POST', '/api/admin/departments', {
        token: admin,
        body: { name: unique('Spare dept'), parentId: hq.id },
      }),
      'spare department',
    ).id;
  const freshRole = async (): Promise<string> =>
    must<{ id: string }>(
      await app.request('POST', '/api/admin/roles', {
        token: admin,
        body: { key: unique('spare'), name: { zh: '备用', en: 'Spare' } },
      }),
      'spare role',
    ).id;
  const freshSet = async (): Promise<string> =>
    must<{ id: string }>(
      await app.request('POST', '/api/apps/crm/permission-sets', {
        token: admin,
        body: {
          key: unique('spare'),
          name: { zh: '备用', en: 'Spare' },
          forms: {},
          assignments: [],
        },
      }),
      'spare permission set',
    ).id;
  const freshView = async (): Promise<string> =>
    must<{ id: string }>(
      await app.request('POST', `/api/forms/${quoteFormId}/views`, {
        token: rep1,
        body: { name: unique('My quotes'), type: 'table', config: {} },
      }),
      'view',
    ).id;

  const labAppKey = unique('matrix_lab');
  const lab = must<{ forms: { id: string }[] }>(
    await app.request('POST', '/api/apps', { token: admin, body: labApp(labAppKey) }),
    'lab app',
  );
  const automations = must<{ id: string }[]>(
    await app.request('GET', '/api/apps/crm/automations', { token: admin }),
    'automations',
  );
  const dashboards = must<{ id: string }[]>(
    await app.request('GET', '/api/apps/crm/dashboards', { token: admin }),
    'dashboards',
  );
  const file = must<{ id: string }>(
    await app.request('POST', '/api/files', {
      token: rep1,
      rawBody: `${SECRET} file`,
      headers: { 'content-type': 'text/plain', 'x-file-name': 'secret.txt' },
    }),
    'file',
  );
  // A notification to manager1 about the quote, as a notify step of its flow sends it.
  const [manager1] = await app.db.query<{ id: string }[]>(
    `SELECT id FROM users WHERE username = 'manager1'`,
  );
  await app.db.transaction((m) =>
    app.liuyun.app.get(NotificationDispatcher).dispatch(m, {
      key: unique('matrix-notify'),
      instanceId: null,
      recordId: quoteId,
      nodeId: null,
      recipients: [manager1!.id],
      message: { zh: `${SECRET} 报价待审批`, en: `${SECRET} quote to approve` },
      reason: 'notify',
    }),
  );
  const notifications = must<{ items: { id: string }[] }>(
    await app.request('GET', '/api/notifications', { token: tokens.assignee }),
    'notifications',
  );
  const link = must<{ link: { token: string } }>(
    await app.request('PUT', `/api/forms/${leadFormId}/public-link`, {
      token: admin,
      body: { enabled: true },
    }),
    'public link',
  );
  const calendar = must<unknown>(
    await app.request('GET', '/api/calendar', { token: admin }),
    'calendar',
  );

  return {
    tokens,
    appKey: 'crm',
    quoteFormId,
    customerFormId,
    leadFormId,
    customerId: customer.id,
    quoteId,
    taskId,
    labAppKey,
    labFormId: lab.forms[0]!.id,
    nobodyId: nobody.id,
    spareUserId: await freshUser(),
    spareDepartmentId: await freshDepartment(),
    spareRoleId: await freshRole(),
    spareSetId: await freshSet(),
    automationId: automations[0]!.id,
    dashboardId: dashboards[0]!.id,
    viewId: await freshView(),
    fileId: file.id,
    notificationId: notifications.items[0]!.id,
    publicToken: link.link.token,
    calendar,
    fresh: {
      quote: freshQuote,
      user: freshUser,
      department: freshDepartment,
      role: freshRole,
      permissionSet: freshSet,
      view: freshView,
      login: (actor) =>
        app.login(ACTOR_USERS[actor], actor === 'noPermission' ? 'matrix-pass-1' : undefined),
    },
    unique,
  };
}
