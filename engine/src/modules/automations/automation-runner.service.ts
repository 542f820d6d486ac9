import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { FlowDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import { step, type Effect } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { DirectoryService } from '../identity/directory.service';
import { JobWorker } from '../jobs/job-worker.service';
import type { ClaimedJob } from '../jobs/job.types';
import { BusinessClock } from '../processes/business-clock.service';
import type { WriteOrigin } from '../processes/record-writer.service';
import { AutomationEffects, RunFailure, type RunContext } from './automation-effects.service';
import { compileAutomationFlow } from './automation-flow.compiler';
import { runQuery } from './automation-query.step';
import { AutomationRepository } from './automation.repository';
import { AutomationRunStore, raiseIncident, type RunRow } from './automation-run.store';
import { writeTimelineLine } from './automation-timeline.writer';
import { RUN_JOB, type AutomationRow, type EffectSummary } from './automation.types';

interface RecordRow {
  created_by: string;
  deleted_at: Date | null;
}

function errorOf(e: unknown): { code: string; message: string } {
  if (e instanceof RunFailure || e instanceof AppError) {
    const detail =
      e instanceof AppError && e.details?.length ? ` ${JSON.stringify(e.details[0])}` : '';
    return { code: e.code, message: `${e.message}${detail}`.slice(0, 2000) };
  }
  return { code: 'internal_error', message: e instanceof Error ? e.message : String(e) };
}

/** The variable rules read the run's time from (`{"var": "$now"}`). */
export const RUN_NOW = '$now';
/** The triggering record's id (`{"var": "$recordId"}`), when the run has a record. */
export const RUN_RECORD = '$recordId';

/** When a run is due: the slot of a schedule, else when it was queued. */
export function runTime(run: Pick<RunRow, 'trigger' | 'created_at'>): string {
  const slot = run.trigger.slot;
  return typeof slot === 'string' ? slot : new Date(run.created_at).toISOString();
}

function nodeName(flow: FlowDefinition, nodeId: string): I18nText {
  return flow.nodes.find((n) => n.id === nodeId)?.name ?? { zh: nodeId, en: nodeId };
}

/**
 * Runs queued automation runs (job kind `automation`) inside the transaction that marks
 * the job done: the flow goes through the same `step` as processes, with the record as
 * data, and its effects are applied like process effects. A run changes everything or
 * nothing: a failure rolls its writes back (to a savepoint), logs the run as failed and
 * raises an `automation_failed` incident; the run can then be re-run.
 */
@Injectable()
export class AutomationRunner implements OnModuleInit {
  constructor(
    private readonly worker: JobWorker,
    private readonly runs: AutomationRunStore,
    private readonly automations: AutomationRepository,
    private readonly directory: DirectoryService,
    private readonly clock: BusinessClock,
    private readonly effects: AutomationEffects,
  ) {}

  onModuleInit(): void {
    this.worker.register({
      kind: RUN_JOB,
      mode: 'transactional',
      run: (job, m) => this.run(job, m),
    });
  }

  async run(job: ClaimedJob, m: EntityManager): Promise<void> {
    const { runId } = job.payload;
    if (typeof runId !== 'string') return;
    const run = await this.runs.byId(m, runId, true);
    if (!run || run.status !== 'queued') return;
    const a = await this.automations.byId(m, run.automation_id);
    if (!a || !a.enabled) {
      await this.runs.finish(m, run.id, 'skipped', [], {
        code: 'automation_disabled',
        message: 'the automation was disabled before the run started',
      });
      return;
    }
    const record = await this.recordOf(m, run);
    if (run.record_id && a.trigger.kind !== 'record_deleted' && (!record || record.deleted_at)) {
      await this.runs.finish(m, run.id, 'skipped', [], {
        code: 'record_deleted',
        message: 'the record was deleted before the run started',
      });
      return;
    }
    await m.query('SAVEPOINT automation_run');
    let status: 'succeeded' | 'failed' = 'succeeded';
    let effects: EffectSummary[] = [];
    let error: { code: string; message: string } | null = null;
    try {
      effects = await this.execute(m, a, run, record);
      await m.query('RELEASE SAVEPOINT automation_run');
    } catch (e) {
      await m.query('ROLLBACK TO SAVEPOINT automation_run');
      status = 'failed';
      error = errorOf(e);
      await raiseIncident(
        m,
        'automation_failed',
        `automation "${a.key}" failed (run ${run.id}): ${error.message}`,
        run.record_id,
      );
    }
    await this.runs.finish(m, run.id, status, effects, error);
    if (run.record_id) {
      await writeTimelineLine(m, {
        recordId: run.record_id,
        type: 'automation_run',
        actorId: null,
        details: {
          automationId: a.id,
          automation: a.key,
          runId: run.id,
          status,
          ...(error ? { error: error.code } : {}),
        },
      });
    }
  }

  private async recordOf(m: EntityManager, run: RunRow): Promise<RecordRow | null> {
    if (!run.record_id) return null;
    const rows: RecordRow[] = await m.query(
      'SELECT created_by, deleted_at FROM records WHERE id = $1',
      [run.record_id],
    );
    return rows[0] ?? null;
  }

  private async execute(
    m: EntityManager,
    a: AutomationRow,
    run: RunRow,
    record: RecordRow | null,
  ): Promise<EffectSummary[]> {
    const compiled = compileAutomationFlow(a.flow);
    const forms = await this.automations.appForms(m, a.app_id);
    const anchor = await this.automations.anchorForm(m, a);
    if (!anchor) throw new RunFailure('unknown_form', 'the app has no form to write to');
    // `$recordId`: the triggering record, for links to it from records the run creates.
    // `$now`: when the run is due (a schedule's slot, else when it was queued), so rules
    // such as "days since the last purchase" read the run's time, not the machine's.
    const data: JsonObject = {
      ...run.input,
      [RUN_NOW]: runTime(run),
      ...(run.record_id ? { [RUN_RECORD]: run.record_id } : {}),
    };
    for (const query of compiled.queries.values()) {
      const form = forms.get(query.form);
      if (!form) throw new RunFailure('unknown_form', `the app has no form "${query.form}"`);
      data[query.into] = await runQuery(m, form.id, query, run.input);
    }
    const submitterId = record?.created_by ?? a.created_by;
    const directory = await this.directory.snapshot(m, compiled.flow, submitterId);
    const clock = await this.clock.forManager(m);
    const result = step(
      compiled.flow,
      null,
      { type: 'start', record: data, submitterId },
      clock,
      directory,
    );
    if (result.state.status === 'failed') {
      const e = result.state.error;
      throw new RunFailure(e?.code ?? 'flow_failed', e?.message ?? 'the flow failed');
    }
    const origin: WriteOrigin = {
      appFormId: anchor,
      actorId: submitterId,
      depth: run.depth + 1,
      details: { byAutomation: a.id, byRun: run.id },
    };
    const ctx: RunContext = {
      automation: a,
      run,
      origin,
      forms,
      deletes: compiled.deletes,
      queries: compiled.queries,
      nodeName: (id: string) => nodeName(compiled.flow, id),
    };
    const summary: EffectSummary[] = [];
    for (const effect of result.effects as Effect[]) {
      const line = await this.effects.apply(m, ctx, effect);
      if (line) summary.push(line);
    }
    summary.push({ type: 'path', nodes: result.state.path.map((p) => p.nodeId) });
    return summary;
  }
}
