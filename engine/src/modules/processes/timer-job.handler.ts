import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { GENERATIONS_SQL, noteGenerations } from '../../common/cache/cache-generations';
import { JobWorker } from '../jobs/job-worker.service';
import type { ClaimedJob, JobScope } from '../jobs/job.types';
import { INSTANCE_COLUMNS, type ProcessInstanceEntity } from './process-instance.entity';
import { ProcessRunner } from './process-runner.service';
import { RecordWriter } from './record-writer.service';
import { withStepWrites } from './step-writes';

/** The instance and timer a timer job names, or null for a malformed payload. */
function target(job: ClaimedJob): { instanceId: string; timerKey: string } | null {
  const { instanceId, timerKey } = job.payload;
  return typeof instanceId === 'string' && typeof timerKey === 'string'
    ? { instanceId, timerKey }
    : null;
}

/**
 * Fires a due timer into its instance. It runs inside the transaction that marks the
 * job done, so the timer's effect commits exactly once, and — because the job was
 * written by the step that scheduled it — never before that step committed. A timer
 * the instance no longer waits for (the task was decided first) completes quietly.
 *
 * A claim of several due timers fires as one batch: the instances locked by one
 * statement (in id order, so two workers never deadlock), each stepped, all their
 * writes sent as one statement and committed together with the jobs marked done. Should
 * any of them fail, the worker rolls the batch back and fires them one by one.
 */
@Injectable()
export class TimerJobHandler implements OnModuleInit {
  readonly kind = 'timer';
  readonly mode = 'transactional';

  constructor(
    private readonly worker: JobWorker,
    private readonly runner: ProcessRunner,
    private readonly records: RecordWriter,
  ) {}

  onModuleInit(): void {
    this.worker.register({
      kind: this.kind,
      mode: 'transactional',
      run: (job, m) => this.run(job, m),
      runBatch: (jobs, m, each) => this.runBatch(jobs, m, each),
    });
  }

  async run(job: ClaimedJob, m: EntityManager): Promise<void> {
    const named = target(job);
    if (!named) return;
    const instances = await this.lock(m, [named.instanceId]);
    await this.fire(m, instances.get(named.instanceId), named.timerKey);
  }

  async runBatch(jobs: readonly ClaimedJob[], m: EntityManager, each: JobScope): Promise<void> {
    const named = jobs.map((job) => ({ job, target: target(job) }));
    const instances = await this.lock(
      m,
      named.flatMap((n) => (n.target ? [n.target.instanceId] : [])),
    );
    await withStepWrites(
      m,
      async () => {
        for (const { job, target: t } of named) {
          if (t) await each(job, () => this.fire(m, instances.get(t.instanceId), t.timerKey));
        }
      },
      { holdSteps: true },
    );
  }

  /** Locks the instances (in id order) and reads them, the cache generations riding along. */
  private async lock(m: EntityManager, ids: string[]): Promise<Map<string, ProcessInstanceEntity>> {
    if (ids.length === 0) return new Map();
    const rows: (ProcessInstanceEntity & { generations: unknown })[] = await m.query(
      `SELECT ${INSTANCE_COLUMNS}, ${GENERATIONS_SQL} AS generations
         FROM process_instances pi WHERE pi.id = ANY($1::uuid[])
        ORDER BY pi.id FOR UPDATE OF pi`,
      [ids],
    );
    const instances = new Map<string, ProcessInstanceEntity>();
    for (const { generations, ...instance } of rows) {
      if (instances.size === 0) noteGenerations(m, generations);
      instances.set(instance.id, instance);
    }
    return instances;
  }

  private async fire(
    m: EntityManager,
    instance: ProcessInstanceEntity | undefined,
    timerKey: string,
  ): Promise<void> {
    if (!instance || instance.status !== 'running') return;
    if (!(instance.state.timers ?? []).some((t) => t.timerKey === timerKey)) return;
    const flow = await this.records.flowOf(m, instance);
    await this.runner.signal(m, instance, flow, { type: 'timer_fired', timerKey });
  }
}
