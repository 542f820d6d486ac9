import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FormDefinition } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { badRequest, notFound } from '../../common/errors/app-error';
import { AppsService } from '../apps/apps.service';
import { fieldKind } from './record-field-kinds';
import { parseListQuery } from './record-list.query';

export type ViewType = 'table' | 'kanban' | 'calendar';

/** What a saved view remembers: the list query plus how to lay it out. */
export interface ViewConfig {
  filter?: unknown;
  sort?: string;
  search?: string;
  columns?: string[];
  /** Kanban: the select field whose values are the columns. */
  groupField?: string;
  /** Calendar: the date or date-time field records are placed by. */
  dateField?: string;
}

export interface ViewInput {
  name: string;
  type: ViewType;
  config: ViewConfig;
}

export interface SavedView extends ViewInput {
  id: string;
  formId: string;
  createdAt: string;
  updatedAt: string;
}

interface ViewRow {
  id: string;
  form_id: string;
  name: string;
  view_type: ViewType;
  config: ViewConfig;
  created_at: Date;
  updated_at: Date;
}

const MAX_VIEWS_PER_FORM = 50;

function toView(r: ViewRow): SavedView {
  return {
    id: r.id,
    formId: r.form_id,
    name: r.name,
    type: r.view_type,
    config: r.config,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

async function audit(
  m: EntityManager,
  user: AuthUser,
  action: string,
  id: string,
  before: SavedView | null,
  after: SavedView | null,
): Promise<void> {
  await m.getRepository(AuditLogEntity).insert({
    actorId: user.id,
    action,
    entityType: 'record_view',
    entityId: id,
    before,
    after,
  });
}

/** Checks a view against the form, as a list would check its query. */
function checkView(form: FormDefinition, input: ViewInput): void {
  const { config } = input;
  parseListQuery(form, {
    filter: config.filter,
    ...(config.sort !== undefined ? { sort: config.sort } : {}),
    ...(config.search !== undefined ? { search: config.search } : {}),
    ...(config.columns !== undefined ? { columns: config.columns } : {}),
  });
  const field = (key: string | undefined) =>
    key === undefined ? undefined : form.schema.properties[key];
  if (input.type === 'kanban') {
    const group = field(config.groupField);
    if (!group || fieldKind(group) !== 'choice')
      throw badRequest(
        'invalid_view',
        'A kanban view groups by a select or radio field of the form.',
      );
  }
  if (input.type === 'calendar') {
    const date = field(config.dateField);
    const kind = date ? fieldKind(date) : null;
    if (kind !== 'date' && kind !== 'datetime')
      throw badRequest(
        'invalid_view',
        'A calendar view places records by a date or date-time field.',
      );
  }
}

/** Saved views (filters, sort, columns, layout) — each person's own, per form. */
@Injectable()
export class RecordViews {
  constructor(
    private readonly db: DataSource,
    private readonly apps: AppsService,
  ) {}

  async list(formId: string, user: AuthUser): Promise<SavedView[]> {
    await this.apps.publishedForm(formId);
    const rows: ViewRow[] = await this.db.query(
      'SELECT * FROM record_views WHERE form_id = $1 AND user_id = $2 ORDER BY created_at, id',
      [formId, user.id],
    );
    return rows.map(toView);
  }

  async create(formId: string, input: ViewInput, user: AuthUser): Promise<SavedView> {
    const form = await this.apps.publishedForm(formId);
    checkView(form.definition, input);
    const count: { n: number }[] = await this.db.query(
      'SELECT count(*)::int AS n FROM record_views WHERE form_id = $1 AND user_id = $2',
      [formId, user.id],
    );
    if ((count[0]?.n ?? 0) >= MAX_VIEWS_PER_FORM)
      throw badRequest('too_many_views', `At most ${MAX_VIEWS_PER_FORM} views per form.`);
    return this.db.transaction(async (m) => {
      const rows: ViewRow[] = await m.query(
        `INSERT INTO record_views (id, form_id, user_id, name, view_type, config)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [randomUUID(), formId, user.id, input.name, input.type, JSON.stringify(input.config)],
      );
      const view = toView(rows[0]!);
      await audit(m, user, 'view.create', view.id, null, view);
      return view;
    });
  }

  async replace(id: string, input: ViewInput, user: AuthUser): Promise<SavedView> {
    const current = await this.own(id, user);
    const form = await this.apps.publishedForm(current.form_id);
    checkView(form.definition, input);
    return this.db.transaction(async (m) => {
      // An UPDATE answers [rows, count] through TypeORM.
      const [rows]: [ViewRow[], number] = await m.query(
        `UPDATE record_views SET name = $3, view_type = $4, config = $5, updated_at = now()
          WHERE id = $1 AND user_id = $2 RETURNING *`,
        [id, user.id, input.name, input.type, JSON.stringify(input.config)],
      );
      const view = toView(rows[0]!);
      await audit(m, user, 'view.update', id, toView(current), view);
      return view;
    });
  }

  async remove(id: string, user: AuthUser): Promise<void> {
    const current = await this.own(id, user);
    await this.db.transaction(async (m) => {
      await m.query('DELETE FROM record_views WHERE id = $1 AND user_id = $2', [id, user.id]);
      await audit(m, user, 'view.delete', id, toView(current), null);
    });
  }

  /** Another person's view is not found, not forbidden: its existence is theirs. */
  private async own(id: string, user: AuthUser): Promise<ViewRow> {
    const rows: ViewRow[] = await this.db.query(
      'SELECT * FROM record_views WHERE id = $1 AND user_id = $2',
      [id, user.id],
    );
    const row = rows[0];
    if (!row) throw notFound('The view');
    return row;
  }
}
