import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FlowDefinition, I18nText } from '@liuyun/definitions';
import type { InstanceState } from '@liuyun/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, notFound } from '../../common/errors/app-error';
import { FormVersionCache } from '../apps/form-version.cache';
import {
  liveNodeIds,
  mappedNodeId,
  mappingErrors,
  migrateState,
  migrationBlocker,
  type NodeMapping,
} from './migration.plan';

export interface MigrationInput {
  fromVersion: number;
  toVersion: number;
  nodeMapping: NodeMapping;
  dryRun: boolean;
  /** Only these instances (all running ones on `fromVersion` when absent). */
  instanceIds?: string[];
}

export interface MigrationReport {
  formId: string;
  fromVersion: number;
  toVersion: number;
  dryRun: boolean;
  /** Running instances on `fromVersion` that were considered. */
  instances: number;
  /** Dry run: those that would move; real run: those that moved. */
  migratable: string[];
  blocked: { instanceId: string; reason: string; nodeId?: string }[];
}

interface InstanceRow {
  id: string;
  record_id: string;
  form_version: number;
  state: InstanceState;
  status: string;
  version: number;
}

interface Loaded {
  row: InstanceRow;
  openTaskNodeIds: string[];
}

type Outcome = { moved: true } | { moved: false; reason: string; nodeId?: string };

const invalidMigration = (message: string, details?: unknown[]): AppError =>
  new AppError(422, 'invalid_migration', message, details);

/**
 * Moves running instances of a form to a newer published version: every node an
 * instance is at must have a counterpart of the same type (by the explicit mapping, else
 * the same id). A dry run only reports. A real run moves each instance in its own
 * transaction, with its row locked and its version checked, so a task decided meanwhile
 * either happened before (and is seen) or waits; instances not moved keep their version.
 */
@Injectable()
export class InstanceMigrationService {
  constructor(
    private readonly db: DataSource,
    private readonly forms: FormVersionCache,
  ) {}

  async migrate(formId: string, input: MigrationInput, actor: AuthUser): Promise<MigrationReport> {
    const exists: unknown[] = await this.db.query('SELECT 1 FROM forms WHERE id = $1', [formId]);
    if (exists.length === 0) throw notFound('The form');
    if (input.toVersion <= input.fromVersion) {
      throw invalidMigration(
        'Instances move to a newer version: toVersion must be above fromVersion.',
      );
    }
    const from = await this.flowOf(formId, input.fromVersion);
    const to = await this.flowOf(formId, input.toVersion);
    const errors = mappingErrors(from, to, input.nodeMapping);
    if (errors.length > 0)
      throw new AppError(422, 'invalid_mapping', 'The node mapping names unknown nodes.', errors);

    const ids = await this.candidates(formId, input);
    const report: MigrationReport = {
      formId,
      fromVersion: input.fromVersion,
      toVersion: input.toVersion,
      dryRun: input.dryRun,
      instances: ids.length,
      migratable: [],
      blocked: [],
    };
    for (const id of ids) {
      const outcome = input.dryRun
        ? await this.check(this.db.manager, id, from, to, input)
        : await this.db.transaction((m) => this.moveOne(m, id, from, to, input, actor));
      if (outcome.moved) report.migratable.push(id);
      else
        report.blocked.push({
          instanceId: id,
          reason: outcome.reason,
          ...(outcome.nodeId ? { nodeId: outcome.nodeId } : {}),
        });
    }
    return report;
  }

  private async flowOf(formId: string, version: number): Promise<FlowDefinition> {
    const found = await this.forms.get(formId, version).catch((e: unknown) => {
      if (e instanceof AppError && e.status === 404)
        throw notFound(`Version ${version} of the form`);
      throw e;
    });
    if (!found.flow) throw invalidMigration(`Version ${version} of the form has no flow.`);
    return found.flow;
  }

  private async candidates(formId: string, input: MigrationInput): Promise<string[]> {
    const rows: { id: string }[] = input.instanceIds
      ? await this.db.query(
          `SELECT id FROM process_instances
            WHERE form_id = $1 AND form_version = $2 AND status = 'running' AND id = ANY($3::uuid[])
            ORDER BY created_at, id`,
          [formId, input.fromVersion, input.instanceIds],
        )
      : await this.db.query(
          `SELECT id FROM process_instances WHERE form_id = $1 AND form_version = $2 AND status = 'running'
            ORDER BY created_at, id`,
          [formId, input.fromVersion],
        );
    return rows.map((r) => r.id);
  }

  private async load(m: EntityManager, id: string, lock: boolean): Promise<Loaded | null> {
    const rows: InstanceRow[] = await m.query(
      `SELECT id, record_id, form_version, state, status, version FROM process_instances WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    const tasks: { node_id: string }[] = await m.query(
      `SELECT DISTINCT node_id FROM tasks WHERE instance_id = $1 AND status = 'open'`,
      [id],
    );
    return { row, openTaskNodeIds: tasks.map((t) => t.node_id) };
  }

  /** Why the instance cannot move now, or that it can. */
  private async check(
    m: EntityManager,
    id: string,
    from: FlowDefinition,
    to: FlowDefinition,
    input: MigrationInput,
  ): Promise<Outcome> {
    return this.verdict(await this.load(m, id, false), from, to, input);
  }

  private verdict(
    loaded: Loaded | null,
    from: FlowDefinition,
    to: FlowDefinition,
    input: MigrationInput,
  ): Outcome {
    if (
      !loaded ||
      loaded.row.status !== 'running' ||
      loaded.row.form_version !== input.fromVersion
    ) {
      return {
        moved: false,
        reason: `The instance no longer runs on version ${input.fromVersion}.`,
      };
    }
    const blocker = migrationBlocker(
      from,
      to,
      input.toVersion,
      input.nodeMapping,
      loaded.row.state,
      loaded.openTaskNodeIds,
    );
    return blocker ? { moved: false, ...blocker } : { moved: true };
  }

  private async moveOne(
    m: EntityManager,
    id: string,
    from: FlowDefinition,
    to: FlowDefinition,
    input: MigrationInput,
    actor: AuthUser,
  ): Promise<Outcome> {
    const loaded = await this.load(m, id, true);
    const verdict = this.verdict(loaded, from, to, input);
    if (!verdict.moved || !loaded) return verdict;
    const { row, openTaskNodeIds } = loaded;
    const state = migrateState(row.state, to, input.nodeMapping);
    const [, affected] = (await m.query(
      `UPDATE process_instances SET state = $3, form_version = $4, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2 AND status = 'running'`,
      [id, row.version, JSON.stringify(state), input.toVersion],
    )) as [unknown, number];
    if (affected !== 1)
      return { moved: false, reason: 'The instance moved on meanwhile; try again.' };

    for (const oldId of openTaskNodeIds) {
      const newId = mappedNodeId(input.nodeMapping, oldId);
      const name: I18nText = to.nodes.find((n) => n.id === newId)?.name ?? { zh: newId, en: newId };
      await m.query(
        `UPDATE tasks SET node_id = $3, node_name = $4 WHERE instance_id = $1 AND node_id = $2 AND status = 'open'`,
        [id, oldId, newId, JSON.stringify(name)],
      );
    }
    for (const timer of row.state.timers ?? []) {
      const newId = mappedNodeId(input.nodeMapping, timer.nodeId);
      if (newId === timer.nodeId) continue;
      await m.query(
        `UPDATE jobs SET payload = jsonb_set(payload, '{nodeId}', to_jsonb($2::text)), updated_at = now()
          WHERE idempotency_key = $1 AND status = 'pending'`,
        [`${id}:${timer.timerKey}`, newId],
      );
    }
    const moves: Record<string, string> = {};
    for (const oldId of liveNodeIds(row.state, openTaskNodeIds)) {
      const newId = mappedNodeId(input.nodeMapping, oldId);
      if (newId !== oldId) moves[oldId] = newId;
    }
    const details = {
      fromVersion: input.fromVersion,
      toVersion: input.toVersion,
      nodeMapping: moves,
    };
    // `process_migrated` is not (yet) in the shared RecordEventType list, so the line is written here.
    await m.query(
      `INSERT INTO record_events (id, record_id, instance_id, type, actor_id, details)
       VALUES ($1, $2, $3, 'process_migrated', $4, $5)`,
      [randomUUID(), row.record_id, id, actor.id, JSON.stringify(details)],
    );
    await m.getRepository(AuditLogEntity).insert({
      actorId: actor.id,
      action: 'process.migrate',
      entityType: 'process_instance',
      entityId: id,
      before: { formVersion: input.fromVersion },
      after: details,
    });
    return { moved: true };
  }
}
