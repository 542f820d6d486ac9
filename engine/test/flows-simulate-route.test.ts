import { countRows, formIdOf, quoteData } from './support/quote-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

interface Simulation {
  path: { nodeId: string }[];
  tasks: { nodeId: string; assignees: { username: string }[] }[];
  finalState: { status: string; outcome?: string };
}

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ demo: true });
});

afterAll(async () => {
  await app.close();
});

it('POST /api/flows/{formId}/simulate runs the quote flow and says who gets each task, storing nothing', async () => {
  const token = await app.login('rep1');
  const quoteId = await formIdOf(app, token, 'quote');
  const before = await Promise.all([
    countRows(app, 'records'),
    countRows(app, 'tasks'),
    countRows(app, 'process_instances'),
  ]);
  const res = await app.request<Simulation>('POST', `/api/flows/${quoteId}/simulate`, {
    token,
    body: { record: quoteData(25, 'Simulated'), decisions: 'approve_all' },
  });
  expect(res.status).toBe(200);
  expect(res.body.path.map((p) => p.nodeId)).toEqual([
    'start',
    'mark_pending',
    'route',
    'manager_approval',
    'director_check',
    'director_approval',
    'set_approved',
    'end_approved',
  ]);
  expect(res.body.tasks.map((t) => [t.nodeId, t.assignees.map((a) => a.username)])).toEqual([
    ['manager_approval', ['manager1']],
    ['director_approval', ['director1']],
  ]);
  expect(res.body.finalState).toMatchObject({ status: 'completed', outcome: 'approved' });
  const after = await Promise.all([
    countRows(app, 'records'),
    countRows(app, 'tasks'),
    countRows(app, 'process_instances'),
  ]);
  expect(after).toEqual(before);
  const bad = await app.request('POST', '/api/flows/not-a-form/simulate', {
    token,
    body: { record: {} },
  });
  expect(bad.status).toBe(404);
});
