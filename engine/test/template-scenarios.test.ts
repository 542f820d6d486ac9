import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { JsonObject, JsonValue } from '@liuyun/definitions';
import {
  listTemplates,
  scenarioFiles,
  type ScenarioExpectation,
  type ScenarioRecordExpectation,
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
/**
 * The scenario clock: starts at the real time and only moves forward (`advance` steps), so
 * schedules fire once per slot even across scenarios; jobs run with `drain({ asOf })`.
 */
let clock = new Date();
const DAY = 86_400_000;
const LOCAL_OFFSET = 480 * 60_000;
type FakeableApi = NonNullable<
  Extract<Parameters<typeof jest.useFakeTimers>[0], { doNotFake?: unknown }>['doNotFake']
>[number];
const REAL_TIMERS: FakeableApi[] = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];

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
  jest.useRealTimers();
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

/** The local day (UTC+8, the template's zone) `days` away from the scenario clock. */
function localDay(days: number): string {
  return new Date(clock.getTime() + LOCAL_OFFSET + days * DAY).toISOString().slice(0, 10);
}

async function latestOf(form: string): Promise<string> {
  const rows: { id: string }[] = await app.db.query(
    'SELECT id FROM records WHERE form_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1',
    [formIds.get(form)],
  );
  if (!rows[0]) throw new Error(`no record of ${form} yet`);
  return rows[0].id;
}

/** Resolves the placeholders of scenario data (see ScenarioStep). */
async function resolved(value: JsonValue, refs: Map<string, string>): Promise<JsonValue> {
  if (Array.isArray(value)) return Promise.all(value.map((v) => resolved(v, refs)));
  if (value !== null && typeof value === 'object') {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = await resolved(v, refs);
    return out;
  }
  if (typeof value !== 'string') return value;
  const m = /^\{\{(\w+)(?::(\w+))?([+-]\d+)?(?:@(\d{4}))?\}\}$/.exec(value);
  if (!m) return value;
  const [, kind, name, shift, year] = m;
  if (kind === 'today') {
    const day = localDay(Number(shift ?? 0));
    return year ? `${year}${day.slice(4)}` : day;
  }
  if (kind === 'user' && name) return userId(name);
  if (kind === 'latest' && name) return latestOf(name);
  if (kind === 'ref' && name) {
    const id = refs.get(name);
    if (!id) throw new Error(`no record named ${name} yet`);
    return id;
  }
  throw new Error(`unknown placeholder ${value}`);
}

/** Works every job due on the scenario clock (automations, timers, schedules). */
async function drain(): Promise<void> {
  // Until the first `advance` the scenario clock follows the real one.
  if (Date.now() > clock.getTime()) clock = new Date();
  await app.worker.drain({ asOf: clock, maxPasses: 1000 });
}

async function findRecord(
  want: ScenarioRecordExpectation,
  refs: Map<string, string>,
): Promise<string> {
  if (want.ref) {
    const id = refs.get(want.ref);
    expect({ ref: want.ref, known: id !== undefined }).toEqual({ ref: want.ref, known: true });
    return id!;
  }
  const where = (await resolved(want.where ?? {}, refs)) as JsonObject;
  const rows: { id: string; data: JsonObject }[] = await app.db.query(
    'SELECT id, data FROM records WHERE form_id = $1 AND deleted_at IS NULL ORDER BY created_at DESC, id DESC',
    [formIds.get(want.form ?? '')],
  );
  const found = rows.find((r) =>
    Object.entries(where).every(([k, v]) => JSON.stringify(r.data[k]) === JSON.stringify(v)),
  );
  expect({ form: want.form, where, found: found !== undefined }).toEqual({
    form: want.form,
    where,
    found: true,
  });
  return found!.id;
}

async function checkOtherRecords(
  wants: ScenarioRecordExpectation[],
  refs: Map<string, string>,
): Promise<void> {
  for (const want of wants) {
    const id = await findRecord(want, refs);
    const data = (await resolved(want.data ?? {}, refs)) as JsonObject;
    const record = await checkRecord(id, {
      data,
      ...(want.process ? { process: want.process } : {}),
      ...(want.openTasks ? { openTasks: want.openTasks } : {}),
    });
    for (const [field, parts] of Object.entries(want.contains ?? {})) {
      const text = record.data[field];
      for (const part of parts)
        expect({ field, text, contains: typeof text === 'string' && text.includes(part) }).toEqual({
          field,
          text,
          contains: true,
        });
    }
  }
}

it('ships at least one scenario per template flow', () => {
  expect(cases.length).toBeGreaterThanOrEqual(7);
});

describe.each(cases)('$name', ({ scenario }) => {
  it(scenario.description, async () => {
    let recordId: string | null = null;
    const refs = new Map<string, string>();
    // Scenarios on the clock run the jobs each step queues (automations) before checking.
    const timed = scenario.steps.some((s) => 'advance' in s || s.expect?.records);
    for (const step of scenario.steps) {
      if ('advance' in step) {
        clock = new Date(clock.getTime() + step.advance.days * DAY);
        // From here on the engine's clock is the scenario's (Date only; timers stay real),
        // so tasks and deadlines made from now on count from the scenario clock.
        jest.useFakeTimers({ doNotFake: REAL_TIMERS, now: clock });
        tokens.clear();
        await drain();
        if (step.expect?.records) await checkOtherRecords(step.expect.records, refs);
        continue;
      }
      const token = await tokenOf(step.as);
      let target: string | null | undefined = recordId;
      if ('submit' in step) {
        const formId = formIds.get(step.submit.form);
        expect(formId).toBeDefined();
        const before = await app.db.query('SELECT count(*)::int AS n FROM records');
        const res = await app.request<RecordView | ErrorBody>(
          'POST',
          `/api/forms/${formId}/records`,
          {
            token,
            body: { data: await resolved(step.submit.data, refs) },
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
        expect({
          form: step.submit.form,
          status: res.status,
          body: res.status === 201 ? null : res.body,
        }).toEqual({ form: step.submit.form, status: 201, body: null });
        recordId = (res.body as RecordView).id;
        if (step.ref) refs.set(step.ref, recordId);
      } else if ('withdraw' in step) {
        expect(recordId).not.toBeNull();
        const res = await app.request('POST', `/api/records/${recordId}/withdraw`, { token });
        expect(res.status).toBe(step.expect?.httpStatus ?? 200);
      } else {
        target = step.record
          ? step.record.startsWith('{{')
            ? ((await resolved(step.record, refs)) as string)
            : refs.get(step.record)
          : recordId;
        expect(target).toBeDefined();
        expect(target).not.toBeNull();
        const record = await app.request<RecordView>('GET', `/api/records/${target}`, { token });
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
            ...(act.data ? { data: await resolved(act.data, refs) } : {}),
          },
        });
        expect({ step: act, status: res.status }).toEqual({
          step: act,
          status: step.expect?.httpStatus ?? 200,
        });
      }
      if (timed) await drain();
      const own = 'act' in step ? target : recordId;
      if (step.expect && own)
        await checkRecord(own, {
          ...step.expect,
          data: (await resolved(step.expect.data ?? {}, refs)) as JsonObject,
        });
      if (step.expect?.records) await checkOtherRecords(step.expect.records, refs);
    }
    if (scenario.path && recordId) {
      const record = await checkRecord(recordId, {});
      expect(record.process?.path.map((p) => p.nodeId)).toEqual(scenario.path);
    }
  });
});
