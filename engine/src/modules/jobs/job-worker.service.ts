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
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.token';
import { JobQueue } from './job-queue.service';
import { JOB_HANDLERS, PermanentJobError, type ClaimedJob, type JobHandler } from './job.types';

class LeaseLost extends Error {}

/**
 * Works the job queue in every engine process: claims due jobs under a lease, runs
 * their handler, and marks them done or failed. Safe to run in any number of
 * processes at once; stops taking work and hands back its leases on shutdown.
 */
@Injectable()
export class JobWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('JobWorker');
  private readonly handlers: Map<string, JobHandler>;
  private timer: NodeJS.Timeout | null = null;
  private inFlight: Promise<number> | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly queue: JobQueue,
    @Inject(JOB_HANDLERS) handlers: JobHandler[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inFlight?.catch(() => 0);
    await this.queue.release(this.workerId).catch(() => undefined);
  }

  private async tick(): Promise<void> {
    if (this.inFlight) return;
    this.inFlight = this.runOnce().catch((e: unknown) => {
      this.logger.error(`queue pass failed: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    });
    await this.inFlight;
    this.inFlight = null;
  }

  /**
   * One pass over the queue. `asOf` lets tests move time forward (a database clock,
   * not a sleep): jobs due up to then are taken.
   */
  async runOnce(options: { asOf?: Date; limit?: number } = {}): Promise<number> {
    const jobs = await this.queue.claim(
      this.workerId,
      options.limit ?? 50,
      this.config.jobLeaseSeconds,
      options.asOf ?? null,
    );
    for (const job of jobs) await this.process(job);
    return jobs.length;
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
    } catch (e) {
      if (e instanceof LeaseLost) return;
      const message = e instanceof Error ? e.message : String(e);
      const outcome = await this.queue.fail(
        job,
        this.workerId,
        message,
        e instanceof PermanentJobError,
      );
      if (outcome === 'incident')
        this.logger.warn(`job ${job.kind} ${job.key} failed for good: ${message}`);
    }
  }
}
