/**
 * The engine side of P4 and P7: quotes of 15% submitted by rep1 through RecordsService
 * (record + flow start, waiting at the manager's approval: one commit) and approved by
 * manager1 through TaskActionsService (the instance advances to its end: one commit).
 * Each is one durable advance of an instance: load, step, save state + task + audit +
 * outbox in one transaction — the real path, with its checks and reads.
 */
import type { EngineProcess } from './engine-process';
import { quoteSubmission } from './engine-process';
import type { LoadContender } from './throughput';

/** A contender that advances quotes through the engine's services with `workers` loops. */
export async function engineAdvances(
  engine: EngineProcess,
  workers: number,
): Promise<LoadContender> {
  const rep = await engine.user('rep1');
  const manager = await engine.user('manager1');
  const formId = await engine.formId('quote');
  let n = 0;
  return {
    label: 'engine submit + approve',
    workers,
    async step() {
      const record = await engine.records.submit(formId, quoteSubmission((n += 1)), rep);
      let task = record.tasks?.find((t) => t.status === 'open');
      if (task === undefined) {
        const view = await engine.records.view(record.id, manager);
        task = view.tasks?.find((t) => t.status === 'open');
      }
      if (task === undefined) throw new Error('the quote did not wait for the manager');
      await engine.actions.act(task.id, manager, { action: 'approve' });
      return 2;
    },
  };
}

/** Checks once, before timing, that a quote goes through both advances. */
export async function checkEnginePath(engine: EngineProcess): Promise<void> {
  const contender = await engineAdvances(engine, 1);
  const advances = await contender.step(0);
  if (advances !== 2) throw new Error('the engine path did not advance twice');
}
