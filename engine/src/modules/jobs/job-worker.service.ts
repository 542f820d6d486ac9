import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { runInContext } from '../../common/observability/request-context';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { MetricsService } from '../operations/metrics.service';
import { ProcessLifecycle } from '../operations/process-lifecycle.service';
import { JobQueue } from './job-queue.service';
import { JOB_HANDLERS, PermanentJobError, type ClaimedJob, type JobHandler } from './job.types';

class LeaseLost extends Error {}

type BatchHandler = Extract<JobHandler, { mode: 'transactional' }> &
  Required<Pick<Extract<JobHandler, { mode: 'transactional' }>, 'runBatch'>>;

/** The log context of a job: the request that enqueued it, and the job itself. */
function jobContext(job: ClaimedJob): { requestId?: string; jobId: string } {
  return { ...(job.requestId ? { requestId: job.requestId } : {}), jobId: job.id };
}

/**
 * Works the job queue in every engine process that has workers: claims due jobs under
 * a lease, runs their handler, and marks them done or failed. Safe to run in any
 * number of processes at once. On shutdown it stops claiming, finishes the job at
 * hand (within the time limit) and hands back the leases of those it had not begun.
 * Each job runs under the request id of the step that enqueued it.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('JobWorker');
  private readonly handlers: Map<string, JobHandler>;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<number> | null = null;
  private stopping = false;
  private stopped: Promise<void> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly lifecycle: ProcessLifecycle,
  ) {
    this.handlers = new Map(handlers.map((h) => [h.kind, h]));
  }

  /** Other modules add the kinds they own (the process engine's timers). */
  register(handler: JobHandler): void {
    this.handlers.set(handler.kind, handler);
  }

  onApplicationBootstrap(): void {
    if (!this.config.workers) return;
    this.timer = setInterval(() => void this.tick(), this.config.workerPollMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop(this.config.shutdownTimeoutMs);
  }

  /**
   * Stops taking work: no new claims, no further jobs of the current batch; waits up to
   * `timeoutMs` for the job at hand, then hands back every lease this worker holds.
   */
  stop(timeoutMs: number): Promise<void> {
    this.stopped ??= (async () => {
      this.stopping = true;
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
      if (this.inFlight) {
        let timer: NodeJS.Timeout | undefined;
        const finished = await Promise.race([
          this.inFlight.then(
            () => true,
            () => true,
          ),
          new Promise<boolean>((done) => {
            timer = setTimeout(() => done(false), timeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (!finished)
          this.logger.warn(
            `a job outlived the ${timeoutMs} ms shutdown limit; its lease is handed back.`,
          );
      }
      const released = await this.queue.release(this.workerId).catch(() => 0);
      if (released > 0) this.logger.log(`handed back ${released} claimed job(s) not yet run.`);
    })();
    return this.stopped;
  }

  private async tick(): Promise<void> {
    if (this.inFlight || this.stopping) return;
    this.inFlight = this.runOnce().catch((e: unknown) => {
      this.logger.error(`queue pass failed: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    });
    await this.inFlight;
    this.inFlight = null;
    this.lifecycle.workerPassed();
  }

  /**
   * One pass over the queue. `asOf` lets tests move time forward (a database clock,
   * not a sleep): jobs due up to then are taken.
   */
  async runOnce(options: { asOf?: Date; limit?: number } = {}): Promise<number> {
    if (this.stopping) return 0;
    const jobs = await this.queue.claim(
      this.workerId,
      options.limit ?? 50,
      this.config.jobLeaseSeconds,
      options.asOf ?? null,
    );
    let ran = 0;
    let at = 0;
    while (at < jobs.length) {
      // Stopping: the rest of the claim is handed back by stop().
      if (this.stopping) break;
      const batch = this.batchAt(jobs, at);
      if (batch && (await this.processBatch(batch.handler, batch.jobs))) {
        ran += batch.jobs.length;
        at += batch.jobs.length;
        this.lifecycle.workerPassed();
        continue;
      }
      // One by one: a single job, or a batch that rolled back (each fails alone).
      const end = at + (batch?.jobs.length ?? 1);
      for (; at < end; at++) {
        if (this.stopping) break;
        const job = jobs[at] as ClaimedJob;
        await runInContext(jobContext(job), () => this.process(job));
        ran++;
        this.lifecycle.workerPassed();
      }
    }
    return ran;
  }

  /**
   * The jobs from `at` on that can share one transaction: consecutive jobs of one kind
   * whose handler runs batches, no two of the same instance. Null for fewer than two.
   */
  private batchAt(
    jobs: readonly ClaimedJob[],
    at: number,
  ): { handler: BatchHandler; jobs: ClaimedJob[] } | null {
    const first = jobs[at] as ClaimedJob;
    const handler = this.handlers.get(first.kind);
    if (handler?.mode !== 'transactional' || !handler.runBatch) return null;
    const batch: ClaimedJob[] = [];
    const instances = new Set<string>();
    for (let i = at; i < jobs.length; i++) {
      const job = jobs[i] as ClaimedJob;
      if (job.kind !== first.kind) break;
      if (job.instanceId !== null) {
        if (instances.has(job.instanceId)) break;
        instances.add(job.instanceId);
      }
      batch.push(job);
    }
    return batch.length > 1 ? { handler: handler as BatchHandler, jobs: batch } : null;
  }

  /**
   * Runs a batch in one transaction: the jobs marked done in one statement, the handler's
   * effects, one commit. False when it rolled back (the caller then runs the jobs one by
   * one, so the failing one is retried or turned into an incident alone).
   */
  private async processBatch(handler: BatchHandler, jobs: ClaimedJob[]): Promise<boolean> {
    let done = new Set<string>();
    try {
      await this.db.transaction(async (m) => {
        done = await this.queue.completeMany(m, jobs, this.workerId);
        const held = jobs.filter((j) => done.has(j.id));
        if (held.length > 0)
          await handler.runBatch(held, m, (job, work) => runInContext(jobContext(job), work));
      });
    } catch (e) {
      this.logger.debug({
        msg: `a batch of ${jobs.length} ${handler.kind} jobs rolled back; running them one by one`,
        error: e instanceof Error ? e.message : String(e),
      });
      return false;
    }
    for (const job of jobs) {
      const outcome = done.has(job.id) ? 'done' : 'lease_lost';
      this.metrics.jobRan(job.kind, outcome);
      if (outcome === 'done')
        this.logger.debug({ msg: 'job done', kind: job.kind, key: job.key, attempt: job.attempts });
    }
    return true;
  }

  /** Runs passes until nothing is due (up to `maxPasses`). */
  async drain(options: { asOf?: Date; maxPasses?: number } = {}): Promise<number> {
    let total = 0;
    for (let i = 0; i < (options.maxPasses ?? 100); i++) {
      const n = await this.runOnce(options.asOf ? { asOf: options.asOf } : {});
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  private async process(job: ClaimedJob): Promise<void> {
    const handler = this.handlers.get(job.kind);
    try {
      if (!handler) throw new PermanentJobError(`no handler for jobs of kind ${job.kind}`);
      if (handler.mode === 'transactional') {
        await this.db.transaction(async (m) => {
          if (!(await this.queue.complete(m, job, this.workerId))) throw new LeaseLost();
          await handler.run(job, m);
        });
      } else {
        await handler.run(job);
        await this.db.transaction(async (m) => {
          if (!(await this.queue.complete(m, job, this.workerId))) throw new LeaseLost();
        });
      }
      this.metrics.jobRan(job.kind, 'done');
      this.logger.debug({ msg: 'job done', kind: job.kind, key: job.key, attempt: job.attempts });
    } catch (e) {
      if (e instanceof LeaseLost) {
        this.metrics.jobRan(job.kind, 'lease_lost');
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      const outcome = await this.queue.fail(
        job,
        this.workerId,
        message,
        e instanceof PermanentJobError,
      );
      this.metrics.jobRan(job.kind, outcome);
      if (outcome === 'incident')
        this.logger.warn({
          msg: `job ${job.kind} ${job.key} failed for good: ${message}`,
          kind: job.kind,
          key: job.key,
        });
      else
        this.logger.log({
          msg: `job ${job.kind} ${job.key} failed, will retry: ${message}`,
          kind: job.kind,
          key: job.key,
          attempt: job.attempts,
        });
    }
  }
}
