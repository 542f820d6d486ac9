import type { HostNode, RoundRobinSettings } from '../src/modules/automations/automation.types';
import { DataSource } from 'typeorm';
import { pickInTurn } from '../src/modules/automations/automation-round-robin.step';
import { AutomationLab, line, step } from './automations-app.fixture';
import { startTestApp, type TestApp } from './support/test-app';

// round_robin turns, the run variables ($actor, $recordId, $created), over HTTP on a real
// database; runs go through the job worker (`drain`), never a sleep.
let app: TestApp;
let lab: AutomationLab;
let rep1: string;
let rep2: string;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
  lab = new AutomationLab(app);
  await lab.setUpOps();
  const users: { id: string; username: string }[] = await app.db.query(
    `SELECT id, username FROM users WHERE username IN ('rep1', 'rep2')`,
  );
  rep1 = users.find((u) => u.username === 'rep1')!.id;
  rep2 = users.find((u) => u.username === 'rep2')!.id;
});

afterAll(async () => {
  await app.close();
});

const roundRobin = (settings: RoundRobinSettings): HostNode => ({
  id: 'pick',
  type: 'round_robin',
  name: { zh: 'pick', en: 'pick' },
  settings,
});

describe('round_robin', () => {
  it('hands records out in turn per bucket, fairly when they arrive at once', async () => {
    const a = await lab.create({
      key: 'assign_in_turn',
      name: { zh: '轮流', en: 'In turn' },
      trigger: { kind: 'record_created', form: 'lead', condition: { '!': { var: 'owner' } } },
      flow: line(
        roundRobin({ candidates: [rep1, rep2], bucket: { var: 'status' }, into: 'next' }),
        step.update('assign', { owner: { var: 'next' } }),
      ),
    });
    const news = Array.from({ length: 6 }, (_, i) => ({ name: `N${i}`, status: 'new' }));
    const qualified = Array.from({ length: 3 }, (_, i) => ({ name: `Q${i}`, status: 'qualified' }));
    await Promise.all([...news, ...qualified].map((d) => lab.submit('rep1', d, 'lead')));
    await lab.drain();

    const leads = await lab.rows('lead');
    const owners = (status: string) =>
      leads.filter((l) => l.data.status === status).map((l) => l.data.owner);
    const count = (xs: unknown[], who: string) => xs.filter((x) => x === who).length;
    expect([count(owners('new'), rep1), count(owners('new'), rep2)]).toEqual([3, 3]);
    // Three turns of two: the first candidate twice, the second once.
    expect([count(owners('qualified'), rep1), count(owners('qualified'), rep2)]).toEqual([2, 1]);
    const turns: { bucket: string; turns: string }[] = await app.db.query(
      'SELECT bucket, turns::text AS turns FROM automation_round_robin WHERE automation_id = $1 ORDER BY bucket',
      [a.id],
    );
    expect(turns).toEqual([
      { bucket: 'new', turns: '6' },
      { bucket: 'qualified', turns: '3' },
    ]);
  });

  it('gives concurrent transactions consecutive turns, and takes none without candidates', async () => {
    const automations: { id: string }[] = await app.db.query(
      `SELECT id FROM automations WHERE key = 'assign_in_turn'`,
    );
    const id = automations[0]!.id;
    const db = app.db as DataSource;
    const picks = await Promise.all(
      Array.from({ length: 10 }, () =>
        db.transaction((m) =>
          pickInTurn(m, id, 'pick', { candidates: ['a', 'b'], bucket: 'direct', into: 'x' }, {}),
        ),
      ),
    );
    expect([picks.filter((p) => p === 'a').length, picks.filter((p) => p === 'b').length]).toEqual([
      5, 5,
    ]);
    const none = await db.transaction((m) =>
      pickInTurn(m, id, 'pick', { candidates: { var: 'nobody' }, bucket: 'empty', into: 'x' }, {}),
    );
    expect(none).toBeNull();
    const rows: unknown[] = await app.db.query(
      `SELECT 1 FROM automation_round_robin WHERE automation_id = $1 AND bucket = 'empty'`,
      [id],
    );
    expect(rows).toHaveLength(0);
  });

  it('is checked at publish: its rules read known fields, its result needs a free name', async () => {
    const unknown = await lab.tryCreate({
      key: 'bad_pick',
      name: { zh: '坏', en: 'Bad' },
      trigger: { kind: 'record_created', form: 'lead' },
      flow: line(roundRobin({ candidates: { var: 'no_such_field' }, into: 'next' })),
    });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.body)).toContain('unknown_field');
    const clash = await lab.tryCreate({
      key: 'bad_pick2',
      name: { zh: '坏', en: 'Bad' },
      trigger: { kind: 'record_created', form: 'lead' },
      flow: line(roundRobin({ candidates: [rep1], into: 'owner' })),
    });
    expect(clash.status).toBe(422);
    expect(JSON.stringify(clash.body)).toContain('name_clash');
    const count: { n: number }[] = await app.db.query(
      `SELECT count(*)::int AS n FROM automations WHERE key IN ('bad_pick', 'bad_pick2')`,
    );
    expect(count[0]!.n).toBe(0);
  });
});

describe('run variables', () => {
  it('$recordId, $actor and $created link what one run creates, in one go', async () => {
    await lab.create({
      key: 'make_tasks',
      name: { zh: '建任务', en: 'Make tasks' },
      trigger: { kind: 'record_created', form: 'deal' },
      flow: line(
        step.create('first', 'task', { title: { var: '$actor' }, lead: { var: '$recordId' } }),
        step.create('second', 'task', { title: 'follow-up', lead: { var: '$created.first' } }),
      ),
    });
    const deal = await lab.submit('rep2', { title: 'Big deal' }, 'deal');
    await lab.drain();
    const tasks = await lab.rows('task');
    const first = tasks.find((t) => t.data.lead === deal.id);
    expect(first?.data.title).toBe(rep2);
    const second = tasks.find((t) => t.data.title === 'follow-up');
    expect(second?.data.lead).toBe(first?.id);
  });
});
