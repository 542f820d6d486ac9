import { Injectable } from '@nestjs/common';

/**
 * Where this process is in its life: started, working, or stopping. Readiness reads
 * it (a stopping process answers 503 so load balancers drain it) and the job worker
 * reports each pass here, so a stuck worker shows as not ready.
 */
@Injectable()
export class ProcessLifecycle {
  readonly startedAt = new Date();
  private stoppingSince: Date | null = null;
  private lastWorkerPass: number | null = null;

  get stopping(): boolean {
    return this.stoppingSince !== null;
  }

  beginStopping(): void {
    this.stoppingSince ??= new Date();
  }

  workerPassed(): void {
    this.lastWorkerPass = Date.now();
  }

  /** Milliseconds since the worker last reported, or null when it never did. */
  workerSilenceMs(): number | null {
    return this.lastWorkerPass === null ? null : Date.now() - this.lastWorkerPass;
  }
}
