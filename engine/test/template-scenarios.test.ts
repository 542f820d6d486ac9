import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  listTemplates,
  scenarioFiles,
  type ScenarioExpectation,
  type TemplateScenario,
} from '@liuyun/templates';
import type { RecordView } from '../src/modules/records/records.service';
import { startTestApp, type TestApp } from './support/test-app';

// Every scenario file shipped with every template, replayed over HTTP on a demo install.
const cases = listTemplates().flatMap((t) =>
  scenarioFiles(t.key).map((file) => ({
    name: `${t.key}/${basename(file, '.scenario.json')}`,
    scenario: JSON.parse(readFileSync(file, 'utf8')) as TemplateScenario,
  })),
);

interface ErrorBody {
  error: { code: string; details?: { instancePath: string }[] };
}

let app: TestApp;
const tokens = new Map<string, string>();
let formIds: Map<string, string>;

async function tokenOf(username: string): Promise<string> {
  const known = tokens.get(username);
  if (known) return known;
  const token = await app.login(username);
  tokens.set(username, token);
  return token;
}

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  const admin = await tokenOf('admin');
  const apps = await app.request<{ key: string; forms: { id: string; key: string }[] }[]>(
    'GET',
    '/api/apps',
    { token: admin },
  );
  formIds = new Map(apps.body.flatMap((a) => a.forms.map((f) => [f.key, f.id] as const)));
});

afterAll(async () => {
  await app.close();
});

async function userId(username: string): Promise<string> {
  const rows: { id: string }[] = await app.db.query('SELECT id FROM users WHERE username = $1', [
    username,
  ]);
  if (!rows[0]) throw new Error(`no user ${username}`);
  return rows[0].id;
}

async function checkRecord(recordId: string, want: ScenarioExpectation): Promise<RecordView> {
  const res = await app.request<RecordView>('GET', `/api/records/${recordId}`, {
    token: await tokenOf('admin'),
  });
  expect(res.status).toBe(200);
  const record = res.body;
  for (const [field, value] of Object.entries(want.data ?? {})) {
    expect({ field, value: record.data[field] }).toEqual({ field, value });
  }
  if (want.process?.status) expect(record.process?.status).toBe(want.process.status);
  if (want.process?.outcome) expect(record.process?.outcome).toBe(want.process.outcome);
  if (want.openTasks) {
    const open = (record.tasks ?? [])
      .filter((t) => t.status === 'open')
      .map((t) => ({ node: t.nodeId, assignee: t.assignee?.username ?? '' }));
    const sort = (xs: { node: string; assignee: string }[]) =>
      [...xs].sort((a, b) => (a.node + a.assignee).localeCompare(b.node + b.assignee));
    expect(sort(open)).toEqual(sort(want.openTasks));
  }
  return record;
}

it('ships at least one scenario per template flow', () => {
  expect(cases.length).toBeGreaterThanOrEqual(7);
});

describe.each(cases)('$name', ({ scenario }) => {
  it(scenario.description, async () => {
    let recordId: string | null = null;
    for (const step of scenario.steps) {
      const token = await tokenOf(step.as);
      if ('submit' in step) {
        const formId = formIds.get(step.submit.form);
        expect(formId).toBeDefined();
        const before = await app.db.query('SELECT count(*)::int AS n FROM records');
        const res = await app.request<RecordView | ErrorBody>(
          'POST',
          `/api/forms/${formId}/records`,
          {
            token,
            body: { data: step.submit.data },
          },
        );
        if (step.expect?.httpStatus && step.expect.httpStatus !== 201) {
          expect(res.status).toBe(step.expect.httpStatus);
          const err = res.body as ErrorBody;
          if (step.expect.errorCode) expect(err.error.code).toBe(step.expect.errorCode);
          const paths = (err.error.details ?? []).map((d) => d.instancePath);
          for (const p of step.expect.errorPaths ?? []) expect(paths).toContain(p);
          const after = await app.db.query('SELECT count(*)::int AS n FROM records');
          expect(after).toEqual(before);
          continue;
        }
        expect(res.status).toBe(201);
        recordId = (res.body as RecordView).id;
      } else if ('withdraw' in step) {
        expect(recordId).not.toBeNull();
        const res = await app.request('POST', `/api/records/${recordId}/withdraw`, { token });
        expect(res.status).toBe(step.expect?.httpStatus ?? 200);
      } else {
        expect(recordId).not.toBeNull();
        const record = await app.request<RecordView>('GET', `/api/records/${recordId}`, { token });
        const task = (record.body.tasks ?? []).find(
          (t) =>
            t.status === 'open' && t.nodeId === step.act.node && t.assignee?.username === step.as,
        );
        expect({ node: step.act.node, as: step.as, found: task !== undefined }).toEqual({
          node: step.act.node,
          as: step.as,
          found: true,
        });
        const { act } = step;
        const res = await app.request('POST', `/api/tasks/${task!.id}/actions`, {
          token,
          body: {
            action: act.action,
            ...(act.comment ? { comment: act.comment } : {}),
            ...(act.toNode ? { toNodeId: act.toNode } : {}),
            ...(act.toUser ? { toUserId: await userId(act.toUser) } : {}),
            ...(act.users ? { userIds: await Promise.all(act.users.map(userId)) } : {}),
            ...(act.position ? { position: act.position } : {}),
            ...(act.data ? { data: act.data } : {}),
          },
        });
        expect({ step: act, status: res.status }).toEqual({
          step: act,
          status: step.expect?.httpStatus ?? 200,
        });
      }
      if (step.expect && recordId) await checkRecord(recordId, step.expect);
    }
    if (scenario.path && recordId) {
      const record = await checkRecord(recordId, {});
      expect(record.process?.path.map((p) => p.nodeId)).toEqual(scenario.path);
    }
  });
});
