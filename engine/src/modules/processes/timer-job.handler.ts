import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { JobWorker } from '../jobs/job-worker.service';
import type { ClaimedJob } from '../jobs/job.types';
import { ProcessInstanceEntity } from './process-instance.entity';
import { ProcessRunner } from './process-runner.service';
import { RecordWriter } from './record-writer.service';

/**
 * Fires a due timer into its instance. It runs inside the transaction that marks the
 * job done, so the timer's effect commits exactly once, and — because the job was
 * written by the step that scheduled it — never before that step committed. A timer
 * the instance no longer waits for (the task was decided first) completes quietly.
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
    });
  }

  async run(job: ClaimedJob, m: EntityManager): Promise<void> {
    const { instanceId, timerKey } = job.payload;
    if (typeof instanceId !== 'string' || typeof timerKey !== 'string') return;
    const instance = await m
      .getRepository(ProcessInstanceEntity)
      .createQueryBuilder('pi')
      .setLock('pessimistic_write')
      .where('pi.id = :id', { id: instanceId })
      .getOne();
    if (!instance || instance.status !== 'running') return;
    if (!(instance.state.timers ?? []).some((t) => t.timerKey === timerKey)) return;
    const flow = await this.records.flowOf(m, instance);
    await this.runner.signal(m, instance, flow, { type: 'timer_fired', timerKey });
  }
}
