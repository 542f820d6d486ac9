import { Injectable } from '@nestjs/common';
import type { I18nText, JsonObject } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user';
import { FormVersionCache } from '../apps/form-version.cache';
import { recordTitle } from '../processes/task-views.service';
import { AccessService } from '../access/access.service';

export interface TaskCounts {
  todo: number;
  done: number;
  cc: number;
  started: number;
}

export interface RecentRecord {
  id: string;
  formId: string;
  formName: I18nText;
  title: string;
  /** The form's `status` field, when it has one, and its label. */
  status: string | null;
  statusLabel: I18nText | null;
  updatedAt: string;
}

export interface WorkspaceSummary {
  tasks: TaskCounts;
  /** Records the caller submitted or worked on, most recently changed first. */
  recentRecords: RecentRecord[];
}

const RECENT = 8;

/** The home screen's numbers: tasks per inbox view and the caller's recent records. */
@Injectable()
export class WorkspaceSummaryService {
  constructor(
    private readonly db: DataSource,
    private readonly forms: FormVersionCache,
    private readonly access: AccessService,
  ) {}

  async summary(user: AuthUser): Promise<WorkspaceSummary> {
    const [counts] = (await this.db.query(
      `SELECT
         (SELECT count(*) FROM tasks WHERE assignee_id = $1 AND kind <> 'cc' AND status = 'open')::int AS todo,
         (SELECT count(*) FROM tasks WHERE assignee_id = $1 AND kind <> 'cc' AND status = 'completed')::int AS done,
         (SELECT count(*) FROM tasks WHERE assignee_id = $1 AND kind = 'cc')::int AS cc,
         (SELECT count(*) FROM process_instances WHERE started_by = $1)::int AS started`,
      [user.id],
    )) as TaskCounts[];
    const visible = await this.access.scope(user, 'view');
    const rows: {
      id: string;
      form_id: string;
      form_version: number;
      form_name: I18nText;
      data: JsonObject;
      updated_at: Date;
    }[] = await this.db.query(
      `SELECT r.id, r.form_id, r.form_version, f.name AS form_name, r.data, r.updated_at
         FROM records r JOIN forms f ON f.id = r.form_id
        WHERE ${visible.sql(2)}
          AND (r.created_by = $1::uuid
               OR EXISTS (SELECT 1 FROM tasks mt WHERE mt.record_id = r.id AND mt.assignee_id = $1::uuid))
        ORDER BY r.updated_at DESC, r.id DESC LIMIT ${RECENT}`,
      [user.id, ...visible.params],
    );
    const recentRecords: RecentRecord[] = [];
    for (const r of rows) {
      const form = await this.forms.get(r.form_id, r.form_version);
      const status = typeof r.data.status === 'string' ? r.data.status : null;
      const field = form.definition.schema.properties.status;
      const at = status === null ? -1 : (field?.enum ?? []).indexOf(status);
      recentRecords.push({
        id: r.id,
        formId: r.form_id,
        formName: r.form_name,
        title: recordTitle(form.definition, r.data),
        status,
        statusLabel: at >= 0 ? (field?.['x-enum-labels']?.[at] ?? null) : null,
        updatedAt: r.updated_at.toISOString(),
      });
    }
    return { tasks: counts ?? { todo: 0, done: 0, cc: 0, started: 0 }, recentRecords };
  }
}
