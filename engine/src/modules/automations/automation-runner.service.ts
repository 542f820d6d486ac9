import { randomUUID } from 'node:crypto';
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
import { pickInTurn } from './automation-round-robin.step';
import { runVars } from './automation-run.context';
import { AutomationRepository } from './automation.repository';
import { AutomationRunStore, raiseIncident, type RunRow } from './automation-run.store';
import { refusalOf, type Refusal } from './automation-refusal';
import { writeTimelineLine } from './automation-timeline.writer';
import { RUN_JOB, type AutomationRow, type EffectSummary } from './automation.types';

interface RecordRow {
  created_by: string;
  deleted_at: Date | null;
  data: JsonObject;
}

function errorOf(e: unknown): { code: string; message: string } {
  if (e instanceof RunFailure || e instanceof AppError) {
    const detail =
      e instanceof AppError && e.details?.length ? ` ${JSON.stringify(e.details[0])}` : '';
    return { code: e.code, message: `${e.message}${detail}`.slice(0, 2000) };
  }
  return { code: 'internal_error', message: e instanceof Error ? e.message : String(e) };
}

/** How a run went: what the log says, and why a button's run was refused. */
export interface RunOutcome {
  status: 'succeeded' | 'failed' | 'skipped';
  error: { code: string; message: string } | null;
  refusal: Refusal | null;
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
    await this.runNow(m, runId);
  }

  /**
   * Runs a queued run in the caller's transaction (the job of a run already done finds
   * nothing to do). Answers how it went, with the refusal when its flow ended at a
   * refusing end node; null when the run was not queued.
   */
  async runNow(m: EntityManager, runId: string): Promise<RunOutcome | null> {
    const run = await this.runs.byId(m, runId, true);
    if (!run || run.status !== 'queued') return null;
    const a = await this.automations.byId(m, run.automation_id);
    if (!a || !a.enabled) {
      const error = {
        code: 'automation_disabled',
        message: 'the automation was disabled before the run started',
      };
      await this.runs.finish(m, run.id, 'skipped', [], error);
      return { status: 'skipped', error, refusal: null };
    }
    const record = await this.recordOf(m, run);
    if (run.record_id && a.trigger.kind !== 'record_deleted' && (!record || record.deleted_at)) {
      const error = {
        code: 'record_deleted',
        message: 'the record was deleted before the run started',
      };
      await this.runs.finish(m, run.id, 'skipped', [], error);
      return { status: 'skipped', error, refusal: null };
    }
    await m.query('SAVEPOINT automation_run');
    let status: 'succeeded' | 'failed' = 'succeeded';
    let effects: EffectSummary[] = [];
    let error: { code: string; message: string } | null = null;
    let refusal: Refusal | null = null;
    try {
      ({ effects, refusal } = await this.execute(m, a, run, record));
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
          ...(refusal ? { refused: refusal.code } : {}),
        },
      });
    }
    return { status, error, refusal };
  }

  private async recordOf(m: EntityManager, run: RunRow): Promise<RecordRow | null> {
    if (!run.record_id) return null;
    const rows: RecordRow[] = await m.query(
      'SELECT created_by, deleted_at, data FROM records WHERE id = $1',
      [run.record_id],
    );
    return rows[0] ?? null;
  }

  private async execute(
    m: EntityManager,
    a: AutomationRow,
    run: RunRow,
    record: RecordRow | null,
  ): Promise<{ effects: EffectSummary[]; refusal: Refusal | null }> {
    const compiled = compileAutomationFlow(a.flow);
    const forms = await this.automations.appForms(m, a.app_id);
    const anchor = await this.automations.anchorForm(m, a);
    if (!anchor) throw new RunFailure('unknown_form', 'the app has no form to write to');
    // A button acts on the record as it is now (another run may have changed it since).
    const input = a.trigger.kind === 'manual' && record ? record.data : run.input;
    const source: JsonObject = { ...input, ...(await runVars(m, a, run.trigger, run.record_id)) };
    const data: JsonObject = { ...source };
    for (const query of compiled.queries.values()) {
      const form = forms.get(query.form);
      if (!form) throw new RunFailure('unknown_form', `the app has no form "${query.form}"`);
      data[query.into] = await runQuery(m, form.id, query, source);
    }
    for (const [nodeId, pick] of compiled.roundRobins)
      data[pick.into] = await pickInTurn(m, a.id, nodeId, pick, data);
    // Records the run creates get their ids now, so later steps can link to them.
    const createdIds = new Map<string, string>();
    for (const node of compiled.flow.nodes)
      if (node.type === 'create_record' && node.settings.mode === 'create')
        createdIds.set(node.id, randomUUID());
    data.$created = Object.fromEntries(createdIds);
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
      createdIds,
      preFlowSteps: new Set([...compiled.queries.keys(), ...compiled.roundRobins.keys()]),
      nodeName: (id: string) => nodeName(compiled.flow, id),
    };
    const summary: EffectSummary[] = [];
    for (const effect of result.effects as Effect[]) {
      const line = await this.effects.apply(m, ctx, effect);
      if (line) summary.push(line);
    }
    summary.push({ type: 'path', nodes: result.state.path.map((p) => p.nodeId) });
    const refusal = refusalOf(compiled.flow, result.state, data);
    if (refusal)
      summary.push({ type: 'refused', code: refusal.code, message: { ...refusal.message } });
    return { effects: summary, refusal };
  }
}
