import { Injectable } from '@nestjs/common';
import type { FormDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import type { InstanceState } from '@liuyun/runtime';
import { DataSource, type EntityManager } from 'typeorm';
import { encodeCursor, type Cursor } from '../../common/pagination/cursor';
import { IdentityService, type UserRef } from '../identity/identity.service';
import { FormVersionCache } from '../apps/form-version.cache';

export type TaskView = 'todo' | 'done' | 'cc' | 'started';

export interface TaskItem {
  id: string;
  recordId: string;
  formId: string;
  formName: I18nText;
  nodeId: string;
  nodeName: I18nText;
  status: 'open' | 'completed' | 'cancelled';
  assignee: UserRef | null;
  submitter: UserRef;
  title: string;
  action: string | null;
  comment: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface TaskRow {
  id: string;
  record_id: string;
  form_id: string;
  form_version: number;
  form_name: I18nText;
  node_id: string;
  node_name: I18nText;
  status: TaskItem['status'];
  assignee_id: string;
  submitter_id: string;
  data: JsonObject;
  action: string | null;
  comment: string | null;
  created_at: Date;
  completed_at: Date | null;
}

interface StartedRow {
  id: string;
  record_id: string;
  form_id: string;
  form_version: number;
  form_name: I18nText;
  state: InstanceState;
  status: string;
  outcome: string | null;
  started_by: string;
  data: JsonObject;
  created_at: Date;
  updated_at: Date;
}

const TASK_SELECT = `SELECT t.id, t.record_id, t.form_id, r.form_version, f.name AS form_name, t.node_id,
       t.node_name, t.status, t.assignee_id, r.created_by AS submitter_id, r.data, t.action, t.comment,
       t.created_at, t.completed_at
  FROM tasks t JOIN records r ON r.id = t.record_id JOIN forms f ON f.id = t.form_id`;

/** A line that names a record: the first text field of its layout that has a value. */
export function recordTitle(form: FormDefinition, data: JsonObject): string {
  for (const key of form.layout) {
    const field = form.schema.properties[key];
    const value = data[key];
    if (field?.type === 'string' && typeof value === 'string' && value !== '' && !field.enum)
      return value;
  }
  return '';
}

/** The inbox: the caller's tasks by view, newest first, cursor-paged. */
@Injectable()
export class TaskViewsService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: IdentityService,
    private readonly forms: FormVersionCache,
  ) {}

  async list(
    userId: string,
    view: TaskView,
    limit: number,
    cursor: Cursor | null,
  ): Promise<{ items: TaskItem[]; nextCursor: string | null }> {
    return view === 'started'
      ? this.started(userId, limit, cursor)
      : this.tasks(userId, view, limit, cursor);
  }

  /** Every task of one record, oldest first. */
  async forRecord(recordId: string, m: EntityManager = this.db.manager): Promise<TaskItem[]> {
    return this.toItems(await this.rowsForRecord(recordId, m), m);
  }

  /** The rows behind `forRecord`, for callers that look up the people with others at once. */
  rowsForRecord(recordId: string, m: EntityManager = this.db.manager): Promise<TaskRow[]> {
    return m.query(`${TASK_SELECT} WHERE t.record_id = $1 ORDER BY t.created_at ASC, t.id ASC`, [
      recordId,
    ]);
  }

  /** The people task rows name (for `itemsOf`). */
  static peopleOf(rows: readonly TaskRow[]): string[] {
    return rows.flatMap((r) => [r.assignee_id, r.submitter_id]);
  }

  private async toItems(page: TaskRow[], m: EntityManager = this.db.manager): Promise<TaskItem[]> {
    const refs = await this.identity.refs(TaskViewsService.peopleOf(page), m);
    return this.itemsOf(page, refs, m);
  }

  /** Task rows as items, naming people from `refs` (holding at least `peopleOf(page)`). */
  async itemsOf(
    page: TaskRow[],
    refs: Map<string, UserRef>,
    m: EntityManager = this.db.manager,
  ): Promise<TaskItem[]> {
    const items: TaskItem[] = [];
    for (const r of page) {
      const form = await this.forms.get(r.form_id, r.form_version, m);
      items.push({
        id: r.id,
        recordId: r.record_id,
        formId: r.form_id,
        formName: r.form_name,
        nodeId: r.node_id,
        nodeName: r.node_name,
        status: r.status,
        assignee: refs.get(r.assignee_id) ?? null,
        submitter: refs.get(r.submitter_id) ?? {
          id: r.submitter_id,
          username: '',
          displayName: '',
        },
        title: recordTitle(form.definition, r.data),
        action: r.action,
        comment: r.comment,
        createdAt: r.created_at.toISOString(),
        completedAt: r.completed_at ? r.completed_at.toISOString() : null,
      });
    }
    return items;
  }

  private async tasks(
    userId: string,
    view: Exclude<TaskView, 'started'>,
    limit: number,
    cursor: Cursor | null,
  ) {
    const where =
      view === 'todo'
        ? `t.kind <> 'cc' AND t.status = 'open'`
        : view === 'done'
          ? `t.kind <> 'cc' AND t.status = 'completed'`
          : `t.kind = 'cc'`;
    const params: unknown[] = [userId, limit + 1];
    let after = '';
    if (cursor) {
      params.push(cursor.at, cursor.id);
      after = 'AND (t.created_at, t.id) < ($3::timestamptz, $4::uuid)';
    }
    const rows: TaskRow[] = await this.db.query(
      `${TASK_SELECT}
        WHERE t.assignee_id = $1 AND ${where} ${after}
        ORDER BY t.created_at DESC, t.id DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const items = await this.toItems(page);
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }

  private async started(userId: string, limit: number, cursor: Cursor | null) {
    const params: unknown[] = [userId, limit + 1];
    let after = '';
    if (cursor) {
      params.push(cursor.at, cursor.id);
      after = 'AND (pi.created_at, pi.id) < ($3::timestamptz, $4::uuid)';
    }
    const rows: StartedRow[] = await this.db.query(
      `SELECT pi.id, pi.record_id, pi.form_id, pi.form_version, f.name AS form_name, pi.state, pi.status,
              pi.outcome, pi.started_by, r.data, pi.created_at, pi.updated_at
         FROM process_instances pi JOIN records r ON r.id = pi.record_id JOIN forms f ON f.id = pi.form_id
        WHERE pi.started_by = $1 ${after}
        ORDER BY pi.created_at DESC, pi.id DESC LIMIT $2`,
      params,
    );
    const page = rows.slice(0, limit);
    const refs = await this.identity.refs(page.map((r) => r.started_by));
    const items: TaskItem[] = [];
    for (const r of page) {
      const form = await this.forms.get(r.form_id, r.form_version);
      const nodeId =
        r.state.tokens[0]?.nodeId ?? r.state.path[r.state.path.length - 1]?.nodeId ?? '';
      const node = form.flow?.nodes.find((n) => n.id === nodeId);
      const running = r.status === 'running';
      items.push({
        id: r.id,
        recordId: r.record_id,
        formId: r.form_id,
        formName: r.form_name,
        nodeId,
        nodeName: node?.name ?? { zh: nodeId, en: nodeId },
        status: running ? 'open' : 'completed',
        assignee: null,
        submitter: refs.get(r.started_by) ?? { id: r.started_by, username: '', displayName: '' },
        title: recordTitle(form.definition, r.data),
        action: running ? null : r.outcome,
        comment: null,
        createdAt: r.created_at.toISOString(),
        completedAt: running ? null : r.updated_at.toISOString(),
      });
    }
    const last = page[page.length - 1];
    return {
      items,
      nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
    };
  }
}
