import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { listTemplates, scenarioFiles, type TemplateScenario } from '@liuyun/templates';
import { movesClock, ScenarioRunner } from './support/scenario-runner';
import { startTestApp, type TestApp } from './support/test-app';

// Every scenario file shipped with every template, replayed over HTTP on a demo install.
// A scenario that moves its clock gets an installation of its own (schedules are global).
const cases = listTemplates().flatMap((t) =>
  scenarioFiles(t.key).map((file) => ({
    name: `${t.key}/${basename(file, '.scenario.json')}`,
    scenario: JSON.parse(readFileSync(file, 'utf8')) as TemplateScenario,
  })),
);

let shared: TestApp | null = null;

async function appFor(scenario: TemplateScenario): Promise<TestApp> {
  if (movesClock(scenario)) return startTestApp({ demo: true });
  shared ??= await startTestApp({ demo: true });
  return shared;
}

afterAll(async () => {
  await shared?.close();
});

it('ships at least one scenario per template flow', () => {
  expect(cases.length).toBeGreaterThanOrEqual(7);
});

describe.each(cases)('$name', ({ scenario }) => {
  it(scenario.description, async () => {
    const app = await appFor(scenario);
    try {
      const runner = new ScenarioRunner(app);
      await runner.prepare();
      for (const step of scenario.steps) await runner.step(step);
      const last = runner.lastRecord();
      if (scenario.path && last) {
        const record = await runner.checkRecord(last, {});
        expect(record.process?.path.map((p) => p.nodeId)).toEqual(scenario.path);
      }
    } finally {
      if (app !== shared) await app.close();
    }
  });
});
