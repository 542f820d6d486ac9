import type { FlowDefinition } from '@liuyun/definitions';
import { countRows } from './support/quote-fixtures';
import { edge, flow, Lab, node, requestForm, simpleFlow } from './support/lab-app';
import { startTestApp, type TestApp } from './support/test-app';

// Versions of a form: the list, one version whole, drafts, and migrating running
// instances (R8: instances not migrated stay on their version).
let app: TestApp;
let lab: Lab;

interface VersionList {
  publishedVersion: number;
  draft: { baseVersion: number; revision: number } | null;
  versions: {
    version: number;
    published: boolean;
    status: string;
    publishedBy: { username: string } | null;
    runningInstances: number;
  }[];
}
interface Draft {
  revision: number;
  baseVersion: number;
  definition: { key: string };
  flow: FlowDefinition | null;
  warnings: { code: string; path: string }[];
  publishable: boolean;
  updatedBy: { username: string } | null;
}
interface Report {
  instances: number;
  migratable: string[];
  blocked: { instanceId: string; reason: string; nodeId?: string }[];
  error?: { code: string; details?: { instancePath: string }[] };
}
interface ErrorBody {
  error?: { status: number; code: string };
}

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  lab = new Lab(app);
  await lab.setUp();
});

afterAll(async () => {
  await app.close();
});

const formId = () => lab.formIds.get('request')!;

async function as<T>(user: string, method: string, path: string, body?: unknown) {
  return app.request<T & ErrorBody>(method, `/api/forms/${formId()}${path}`, {
    token: await lab.token(user),
    ...(body === undefined ? {} : { body }),
  });
}

async function versions(): Promise<VersionList> {
  return (await as<VersionList>('rep1', 'GET', '/versions')).body;
}

async function instanceOf(recordId: string): Promise<{ id: string; form_version: number }> {
  const rows: { id: string; form_version: number }[] = await app.db.query(
    'SELECT id, form_version FROM process_instances WHERE record_id = $1',
    [recordId],
  );
  return rows[0]!;
}

/** Everything a migration could touch, to show a refused or dry run changed nothing. */
async function snapshot(): Promise<unknown> {
  return {
    instances: await app.db.query(
      'SELECT id, form_version, version, state FROM process_instances ORDER BY id',
    ),
    tasks: await app.db.query('SELECT id, node_id, node_name, status FROM tasks ORDER BY id'),
    audit: await countRows(app, 'audit_log'),
    events: await countRows(app, 'record_events'),
  };
}

describe('the version list, one version, and the draft', () => {
  it('lists version 1 as published, by the admin who created the app', async () => {
    const list = await versions();
    expect(list.publishedVersion).toBe(1);
    expect(list.draft).toBeNull();
    expect(list.versions).toEqual([
      expect.objectContaining({
        version: 1,
        published: true,
        status: 'published',
        publishedBy: expect.objectContaining({ username: 'admin' }),
        runningInstances: 0,
      }),
    ]);
  });

  it('answers one version whole, for a diff', async () => {
    const res = await as<{ version: number; definition: unknown; flow: unknown }>(
      'rep1',
      'GET',
      '/versions/1',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, definition: requestForm, flow: simpleFlow });
  });

  it.each(['2', '0', 'one', '1.5'])('answers 404 for version %s', async (v) => {
    const res = await as('rep1', 'GET', `/versions/${v}`);
    expect(res.status).toBe(404);
    expect(res.body.error?.code).toBe('not_found');
  });

  it('has no draft yet; drafts are for admins', async () => {
    expect((await as('admin', 'GET', '/draft')).status).toBe(404);
    expect((await as('rep1', 'GET', '/draft')).status).toBe(403);
    expect((await as('rep1', 'PUT', '/draft', { definition: requestForm })).status).toBe(403);
  });

  it('saves a draft that does not validate, with the publish-time codes as warnings', async () => {
    const broken = flow(
      'broken',
      [node.start(), node.approval('a', []), node.end()],
      [edge('start', 'a'), edge('a', 'end', { outcome: 'approve' })],
    );
    const res = await as<Draft>('admin', 'PUT', '/draft', {
      definition: requestForm,
      flow: broken,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      revision: 1,
      baseVersion: 1,
      publishable: false,
      flow: broken,
    });
    expect(res.body.warnings).toEqual([
      expect.objectContaining({
        code: 'missing_assignee',
        path: expect.stringMatching(/^\/flow\/nodes\/1/),
      }),
    ]);
    const again = await as<Draft>('admin', 'GET', '/draft');
    expect(again.body).toMatchObject({
      revision: 1,
      flow: broken,
      updatedBy: { username: 'admin' },
    });
    expect((await versions()).draft).toMatchObject({ baseVersion: 1, revision: 1 });
    // Still version 1: saving a draft publishes nothing.
    expect((await versions()).publishedVersion).toBe(1);
  });

  it('saves a fixed draft as the next revision, publishable', async () => {
    const res = await as<Draft>('admin', 'PUT', '/draft', {
      definition: requestForm,
      flow: simpleFlow,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ revision: 2, warnings: [], publishable: true });
  });

  it.each([
    { description: 'no definition', body: { flow: null }, status: 400, code: 'validation_failed' },
    {
      description: 'an unknown property',
      body: { definition: requestForm, x: 1 },
      status: 400,
      code: 'validation_failed',
    },
    {
      description: 'a definition that is not an object',
      body: { definition: 'form' },
      status: 400,
      code: 'validation_failed',
    },
    {
      description: 'another key',
      body: { definition: { ...requestForm, key: 'other' } },
      status: 422,
      code: 'definition_invalid',
    },
  ])('refuses $description and keeps the saved draft', async (c) => {
    const res = await as('admin', 'PUT', '/draft', c.body);
    expect(res.status).toBe(c.status);
    expect(res.body.error?.code).toBe(c.code);
    expect((await as<Draft>('admin', 'GET', '/draft')).body).toMatchObject({
      revision: 2,
      flow: simpleFlow,
    });
  });

  it('answers 404 for a form that does not exist', async () => {
    const res = await app.request<ErrorBody>(
      'GET',
      '/api/forms/00000000-0000-4000-8000-000000000000/versions',
      {
        token: await lab.token('rep1'),
      },
    );
    expect(res.status).toBe(404);
  });
});

describe('R8: running instances keep their version; migration moves them', () => {
  /** v2: the v1 approval `ok` became `review`, and a director's approval follows. */
  const v2 = flow(
    'simple',
    [
      node.start(),
      node.approval('review', ['manager1']),
      node.approval('final', ['director1']),
      node.end(),
    ],
    [
      edge('start', 'review'),
      edge('review', 'final', { outcome: 'approve' }),
      edge('final', 'end', { outcome: 'approve' }),
    ],
  );
  const approve = { action: 'approve' };
  let early: string;
  let moved: string;
  let stays: string;
  let late: string;

  it('publishing v2 leaves v1 instances on v1; new submissions start on v2', async () => {
    early = (await lab.submit('rep1', { title: 'v1 early' })).id;
    moved = (await lab.submit('rep1', { title: 'v1 to migrate' })).id;
    stays = (await lab.submit('rep1', { title: 'v1 stays' })).id;
    await lab.publish(v2);
    late = (await lab.submit('rep1', { title: 'v2 new' })).id;

    for (const id of [early, moved, stays]) {
      expect((await instanceOf(id)).form_version).toBe(1);
      expect(await lab.openSummary(id)).toEqual(['ok:manager1']);
    }
    expect((await instanceOf(late)).form_version).toBe(2);
    expect(await lab.openSummary(late)).toEqual(['review:manager1']);

    const list = await versions();
    expect(list.publishedVersion).toBe(2);
    expect(list.versions.map((v) => [v.version, v.status, v.runningInstances])).toEqual([
      [2, 'published', 1],
      [1, 'previous', 3],
    ]);
  });

  it('a v1 instance finishes on v1 (no director step)', async () => {
    expect((await lab.act(early, 'manager1', approve)).status).toBe(200);
    const done = await lab.record(early);
    expect(done.process).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(done.process?.path.map((p) => p.nodeId)).toEqual(['start', 'ok', 'end']);
  });

  it.each([
    {
      description: 'a non-admin',
      user: 'rep1',
      body: { fromVersion: 1, toVersion: 2, nodeMapping: {}, dryRun: true },
      status: 403,
      code: 'forbidden',
    },
    {
      description: 'a version that does not exist',
      user: 'admin',
      body: { fromVersion: 1, toVersion: 9, nodeMapping: {}, dryRun: false },
      status: 404,
      code: 'not_found',
    },
    {
      description: 'an older target',
      user: 'admin',
      body: { fromVersion: 2, toVersion: 1, nodeMapping: {}, dryRun: false },
      status: 422,
      code: 'invalid_migration',
    },
    {
      description: 'the same version',
      user: 'admin',
      body: { fromVersion: 1, toVersion: 1, nodeMapping: {}, dryRun: false },
      status: 422,
      code: 'invalid_migration',
    },
    {
      description: 'a mapping to an unknown node',
      user: 'admin',
      body: { fromVersion: 1, toVersion: 2, nodeMapping: { ok: 'nope' }, dryRun: false },
      status: 422,
      code: 'invalid_mapping',
    },
    {
      description: 'a mapping from an unknown node',
      user: 'admin',
      body: { fromVersion: 1, toVersion: 2, nodeMapping: { gone: 'review' }, dryRun: false },
      status: 422,
      code: 'invalid_mapping',
    },
    {
      description: 'no dryRun flag',
      user: 'admin',
      body: { fromVersion: 1, toVersion: 2, nodeMapping: {} },
      status: 400,
      code: 'validation_failed',
    },
    {
      description: 'a mapping to a number',
      user: 'admin',
      body: { fromVersion: 1, toVersion: 2, nodeMapping: { ok: 3 }, dryRun: false },
      status: 400,
      code: 'validation_failed',
    },
  ])('refuses $description with $status, changing nothing', async (c) => {
    const before = await snapshot();
    const res = await as<Report>(c.user, 'POST', '/migrations', c.body);
    expect(res.status).toBe(c.status);
    expect(res.body.error?.code).toBe(c.code);
    expect(await snapshot()).toEqual(before);
  });

  it('a dry run reports what blocks and what would move, and changes nothing', async () => {
    const before = await snapshot();
    const [movedId, staysId] = [(await instanceOf(moved)).id, (await instanceOf(stays)).id];
    const unmapped = await as<Report>('admin', 'POST', '/migrations', {
      fromVersion: 1,
      toVersion: 2,
      nodeMapping: {},
      dryRun: true,
    });
    expect(unmapped.status).toBe(200);
    expect(unmapped.body).toMatchObject({ instances: 2, migratable: [] });
    expect(unmapped.body.blocked.map((b) => [b.instanceId, b.nodeId]).sort()).toEqual(
      [
        [movedId, 'ok'],
        [staysId, 'ok'],
      ].sort(),
    );
    expect(unmapped.body.blocked[0]!.reason).toMatch(/"ok".*no counterpart in version 2/);

    const wrongType = await as<Report>('admin', 'POST', '/migrations', {
      fromVersion: 1,
      toVersion: 2,
      nodeMapping: { ok: 'end' },
      dryRun: true,
    });
    expect(wrongType.body.migratable).toEqual([]);
    expect(wrongType.body.blocked[0]!.reason).toMatch(
      /approval node but "end" in version 2 is a end node/,
    );

    const mapped = await as<Report>('admin', 'POST', '/migrations', {
      fromVersion: 1,
      toVersion: 2,
      nodeMapping: { ok: 'review' },
      dryRun: true,
    });
    expect(mapped.body).toMatchObject({
      formId: formId(),
      fromVersion: 1,
      toVersion: 2,
      dryRun: true,
      instances: 2,
      blocked: [],
    });
    expect([...mapped.body.migratable].sort()).toEqual([movedId, staysId].sort());
    expect(await snapshot()).toEqual(before);

    // A real run where every instance is blocked moves none of them.
    const refused = await as<Report>('admin', 'POST', '/migrations', {
      fromVersion: 1,
      toVersion: 2,
      nodeMapping: {},
      dryRun: false,
    });
    expect(refused.body).toMatchObject({ dryRun: false, instances: 2, migratable: [] });
    expect(refused.body.blocked).toHaveLength(2);
    expect(await snapshot()).toEqual(before);
  });

  it('migrates one instance with the mapping; it finishes on v2, the other on v1', async () => {
    const movedId = (await instanceOf(moved)).id;
    const audit = await countRows(app, 'audit_log');
    const res = await as<Report>('admin', 'POST', '/migrations', {
      fromVersion: 1,
      toVersion: 2,
      nodeMapping: { ok: 'review' },
      dryRun: false,
      instanceIds: [movedId],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      instances: 1,
      migratable: [movedId],
      blocked: [],
    });
    expect(await countRows(app, 'audit_log')).toBe(audit + 1);

    expect((await instanceOf(moved)).form_version).toBe(2);
    expect((await instanceOf(stays)).form_version).toBe(1);
    const task = await lab.taskOf(moved, 'manager1');
    expect(task).toMatchObject({ nodeId: 'review', nodeName: { zh: 'review', en: 'review' } });
    const timeline = (await lab.record(moved)).timeline ?? [];
    expect(timeline.map((t) => t.type)).toContain('process_migrated');
    expect((await versions()).versions.map((v) => [v.version, v.runningInstances])).toEqual([
      [2, 2],
      [1, 1],
    ]);

    // The migrated instance goes on along v2: the director's approval follows.
    expect((await lab.act(moved, 'manager1', approve)).status).toBe(200);
    expect(await lab.openSummary(moved)).toEqual(['final:director1']);
    expect((await lab.act(moved, 'director1', approve)).status).toBe(200);
    const movedDone = await lab.record(moved);
    expect(movedDone.process).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(movedDone.process?.path.map((p) => p.nodeId)).toEqual([
      'start',
      'review',
      'final',
      'end',
    ]);

    // The one left behind still runs v1 to its end.
    expect((await lab.act(stays, 'manager1', approve)).status).toBe(200);
    const staysDone = await lab.record(stays);
    expect(staysDone.process).toMatchObject({ status: 'completed', outcome: 'approved' });
    expect(staysDone.process?.path.map((p) => p.nodeId)).toEqual(['start', 'ok', 'end']);

    // Nothing left on v1 to migrate.
    const again = await as<Report>('admin', 'POST', '/migrations', {
      fromVersion: 1,
      toVersion: 2,
      nodeMapping: { ok: 'review' },
      dryRun: false,
    });
    expect(again.body).toMatchObject({ instances: 0, migratable: [], blocked: [] });
  });
});

describe('migrating an instance that waits on a timer', () => {
  const hoursLater = (h: number) => new Date(Date.now() + h * 3600 * 1000);
  const waitFlow = (waitId: string, approver: string) =>
    flow(
      'simple',
      [
        node.start(),
        node.of(waitId, 'wait', { duration: { hours: 2 } }),
        node.approval('after', [approver]),
        node.end(),
      ],
      [edge('start', waitId), edge(waitId, 'after'), edge('after', 'end', { outcome: 'approve' })],
    );

  it('the timer fires at the renamed node of the newer version', async () => {
    await lab.publish(waitFlow('pause', 'manager1'));
    const r = await lab.submit('rep1', { title: 'waiting' });
    const from = (await instanceOf(r.id)).form_version;
    await lab.publish(waitFlow('hold', 'director1'));
    const res = await as<Report>('admin', 'POST', '/migrations', {
      fromVersion: from,
      toVersion: from + 1,
      nodeMapping: { pause: 'hold' },
      dryRun: false,
    });
    expect(res.body).toMatchObject({ instances: 1, blocked: [] });
    const jobs: { node_id: string }[] = await app.db.query(
      `SELECT payload->>'nodeId' AS node_id FROM jobs WHERE instance_id = $1 AND kind = 'timer' AND status = 'pending'`,
      [(await instanceOf(r.id)).id],
    );
    expect(jobs).toEqual([{ node_id: 'hold' }]);
    // (Other jobs may fall due in those 3 hours too: the demo CRM's daily scans.)
    await app.worker.drain({ asOf: hoursLater(3) });
    const timers: { node_id: string; status: string }[] = await app.db.query(
      `SELECT payload->>'nodeId' AS node_id, status FROM jobs WHERE instance_id = $1 AND kind = 'timer'`,
      [(await instanceOf(r.id)).id],
    );
    expect(timers).toEqual([{ node_id: 'hold', status: 'done' }]);
    expect(await lab.openSummary(r.id)).toEqual(['after:director1']);
  });
});
