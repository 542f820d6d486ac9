import { Injectable } from '@nestjs/common';
import {
  prepareForm,
  validateFlow,
  type FlowDefinition,
  type I18nText,
  type JsonObject,
  type NodeType,
} from '@liuyun/definitions';
import {
  createWorkweekCalendar,
  RuntimeError,
  simulate,
  type Effect,
  type InstanceOutcome,
  type PathEntry,
  type SimulatedTask,
  type SimulationDecision,
  type TaskKind,
} from '@liuyun/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, badRequest, forbidden, type ErrorDetail } from '../../common/errors/app-error';
import { AppsService, type PublishedForm } from '../apps/apps.service';
import { DirectoryService } from '../identity/directory.service';
import { IdentityService, type UserRef } from '../identity/identity.service';
import { BusinessClock } from '../processes/business-clock.service';

/** A scripted decision as the API takes it: people by username. */
export interface DecisionInput {
  nodeId: string;
  action: 'approve' | 'reject' | 'submit' | 'return' | 'transfer' | 'add_signer';
  /** Whose open task at the node decides (username); the oldest open one when absent. */
  by?: string;
  toNodeId?: string;
  /** transfer: who takes the task (username). */
  toUser?: string;
  /** add_signer: who else signs (usernames). */
  users?: string[];
  position?: 'before' | 'after';
  data?: JsonObject;
}

export interface SimulateInput {
  formId?: string;
  flow?: FlowDefinition;
  record: JsonObject;
  submitter?: string;
  decisions?: DecisionInput[] | 'approve_all';
  startAt?: string;
  subprocessOutcomes?: Record<string, InstanceOutcome>;
}

/** One assignee of a simulated task group. */
export interface SimulatedAssignee extends UserRef {
  status: SimulatedTask['status'];
  origin?: SimulatedTask['origin'];
}

/** The tasks one node activation created: who would receive them. */
export interface SimulatedTaskGroup {
  nodeId: string;
  nodeName: I18nText;
  kind: TaskKind;
  activation: number;
  assignees: SimulatedAssignee[];
}

export interface SimulationAnswer {
  path: (PathEntry & { nodeName: I18nText; nodeType: NodeType | null })[];
  tasks: SimulatedTaskGroup[];
  /** The runtime's effects, in order, exactly as the engine would carry them out. */
  effects: Effect[];
  finalState: {
    status: 'running' | 'completed' | 'failed';
    outcome: InstanceOutcome | null;
    error?: { code: string; message: string; nodeId?: string };
  };
  /** The instance still waits: no scripted decision fits and no timer is pending. */
  stalled: boolean;
  unusedDecisions: DecisionInput[];
  firedTimers: string[];
  /** The virtual clock when the simulation stopped. */
  endedAt: string;
  /** Everyone the answer names by id (tasks, notifications, the submitter). */
  people: Record<string, UserRef>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function nodeInfo(flow: FlowDefinition, id: string): { name: I18nText; type: NodeType | null } {
  const node = flow.nodes.find((n) => n.id === id);
  return { name: node?.name ?? { zh: id, en: id }, type: node?.type ?? null };
}

/**
 * Runs a flow on sample data through the engine's own runtime (`simulate` over `step`),
 * with the real organisation (the submitter's department heads, roles, users) and a
 * virtual clock on the business calendar. It reads in a read-only transaction, so a
 * simulation can store nothing.
 */
@Injectable()
export class FlowSimulationService {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
    private readonly directory: DirectoryService,
    private readonly identity: IdentityService,
    private readonly clock: BusinessClock,
  ) {}

  async simulate(input: SimulateInput, user: AuthUser): Promise<SimulationAnswer> {
    if (input.formId === undefined && input.flow === undefined)
      throw badRequest('validation_failed', 'Send formId (its published flow), flow, or both.');
    if (input.flow !== undefined && !user.isAdmin)
      throw forbidden('Only an administrator may simulate a draft flow.');
    return this.db.transaction(async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const form = input.formId ? await this.apps.publishedForm(input.formId, undefined, m) : null;
      const flow = this.flowToRun(input, form);
      const record = this.evaluatedRecord(input.record, form);
      const users = await this.usersByName(m, input);
      const submitterId = input.submitter === undefined ? user.id : users.get(input.submitter);
      if (!submitterId)
        throw unknownUsers([{ path: '/submitter', username: input.submitter ?? '' }]);
      const decisions =
        input.decisions === undefined || input.decisions === 'approve_all'
          ? 'approve_all'
          : input.decisions.map((d) => toRuntimeDecision(d, users));
      const directory = await this.directory.snapshot(m, flow, submitterId);
      const calendar = createWorkweekCalendar(await this.clock.calendarOptions(m));
      let result;
      try {
        result = simulate(flow, record, directory, decisions, {
          submitterId,
          calendar,
          ...(input.startAt ? { startAt: new Date(input.startAt).toISOString() } : {}),
          ...(input.subprocessOutcomes ? { subprocessOutcomes: input.subprocessOutcomes } : {}),
        });
      } catch (e) {
        if (e instanceof RuntimeError)
          throw new AppError(422, e.code, `The simulation stopped: ${e.message}.`);
        throw e;
      }
      const ids = new Set<string>([submitterId, ...result.tasks.map((t) => t.assigneeId)]);
      for (const effect of result.effects)
        if (effect.type === 'notify') effect.recipients.forEach((r) => ids.add(r));
      const people = await this.identity.refs(
        [...ids].filter((id) => UUID.test(id)),
        m,
      );
      const script = Array.isArray(input.decisions) ? input.decisions : [];
      return {
        path: result.path.map((p) => {
          const info = nodeInfo(flow, p.nodeId);
          return { ...p, nodeName: info.name, nodeType: info.type };
        }),
        tasks: groupTasks(flow, result.tasks, result.effects, people),
        effects: result.effects,
        finalState: {
          status: result.state.status,
          outcome: result.state.outcome ?? null,
          ...(result.state.error ? { error: result.state.error } : {}),
        },
        stalled: result.stalled,
        unusedDecisions: script.slice(script.length - result.unusedDecisions.length),
        firedTimers: result.firedTimers,
        endedAt: result.endedAt,
        people: Object.fromEntries(people),
      };
    });
  }

  /** The draft flow (checked with the publish-time rules) or the form's published one. */
  private flowToRun(input: SimulateInput, form: PublishedForm | null): FlowDefinition {
    if (input.flow !== undefined) {
      const errors = validateFlow(input.flow, form?.definition);
      if (errors.length > 0)
        throw new AppError(422, 'definition_invalid', 'The flow has errors.', errors);
      return input.flow;
    }
    if (!form?.flow) throw new AppError(422, 'no_flow', 'The form has no flow to simulate.');
    return form.flow;
  }

  /** The record as a submission would store it: computed fields filled, checked by the form. */
  private evaluatedRecord(record: JsonObject, form: PublishedForm | null): JsonObject {
    if (!form) return record;
    const result = prepareForm(form.definition).evaluate(record, { allowReadonly: true });
    if (result.errors.length > 0)
      throw badRequest('validation_failed', 'The sample record is not valid.', result.errors);
    return result.data;
  }

  /** Every username the request names → user id (enabled users only). */
  private async usersByName(m: EntityManager, input: SimulateInput): Promise<Map<string, string>> {
    const named: { path: string; username: string }[] = [];
    if (input.submitter !== undefined)
      named.push({ path: '/submitter', username: input.submitter });
    if (Array.isArray(input.decisions)) {
      input.decisions.forEach((d, i) => {
        if (d.by !== undefined) named.push({ path: `/decisions/${i}/by`, username: d.by });
        if (d.toUser !== undefined)
          named.push({ path: `/decisions/${i}/toUser`, username: d.toUser });
        (d.users ?? []).forEach((u, j) =>
          named.push({ path: `/decisions/${i}/users/${j}`, username: u }),
        );
      });
    }
    if (named.length === 0) return new Map();
    const rows: { id: string; username: string }[] = await m.query(
      'SELECT id, username FROM users WHERE username = ANY($1::text[]) AND NOT disabled',
      [[...new Set(named.map((n) => n.username))]],
    );
    const found = new Map(rows.map((r) => [r.username, r.id]));
    const missing = named.filter((n) => !found.has(n.username));
    if (missing.length > 0) throw unknownUsers(missing);
    return found;
  }
}

function unknownUsers(missing: { path: string; username: string }[]): AppError {
  const details: ErrorDetail[] = missing.map((n) => ({
    instancePath: n.path,
    keyword: 'user',
    message: `no active user "${n.username}"`,
    params: { username: n.username },
  }));
  return badRequest('unknown_user', 'The request names users that do not exist.', details);
}

function toRuntimeDecision(d: DecisionInput, users: Map<string, string>): SimulationDecision {
  const id = (username: string): string => users.get(username) ?? username;
  const base = {
    nodeId: d.nodeId,
    ...(d.by !== undefined ? { by: id(d.by) } : {}),
    ...(d.data ? { data: d.data } : {}),
  };
  switch (d.action) {
    case 'return':
      if (!d.toNodeId) throw decisionError(d, 'toNodeId', 'return needs toNodeId');
      return { ...base, action: 'return', toNodeId: d.toNodeId };
    case 'transfer':
      if (!d.toUser) throw decisionError(d, 'toUser', 'transfer needs toUser');
      return { ...base, action: 'transfer', toUserId: id(d.toUser) };
    case 'add_signer':
      if (!d.users?.length) throw decisionError(d, 'users', 'add_signer needs users');
      return {
        ...base,
        action: 'add_signer',
        userIds: d.users.map(id),
        position: d.position ?? 'after',
      };
    default:
      return { ...base, action: d.action };
  }
}

function decisionError(d: DecisionInput, field: string, message: string): AppError {
  return badRequest('validation_failed', `A decision at "${d.nodeId}": ${message}.`, [
    { instancePath: `/${field}`, keyword: 'required', message, params: { nodeId: d.nodeId } },
  ]);
}

/** Tasks grouped by node activation, in creation order, each assignee named. */
function groupTasks(
  flow: FlowDefinition,
  tasks: SimulatedTask[],
  effects: Effect[],
  people: Map<string, UserRef>,
): SimulatedTaskGroup[] {
  // `simulate` tracks one task per createTask effect, in the same order.
  const created = effects.filter(
    (e): e is Extract<Effect, { type: 'createTask' }> => e.type === 'createTask',
  );
  const groups = new Map<string, SimulatedTaskGroup>();
  tasks.forEach((task, i) => {
    const activation = created[i]?.activation ?? 0;
    const key = `${task.nodeId}\u0000${activation}\u0000${task.kind}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        nodeId: task.nodeId,
        nodeName: nodeInfo(flow, task.nodeId).name,
        kind: task.kind,
        activation,
        assignees: [],
      };
      groups.set(key, group);
    }
    const ref = people.get(task.assigneeId) ?? {
      id: task.assigneeId,
      username: '',
      displayName: '',
    };
    group.assignees.push({
      ...ref,
      status: task.status,
      ...(task.origin ? { origin: task.origin } : {}),
    });
  });
  return [...groups.values()];
}
