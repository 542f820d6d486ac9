import { Injectable } from '@nestjs/common';
import {
  validateFlow,
  validateForm,
  type DefinitionError,
  type FlowDefinition,
  type FormDefinition,
} from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import { AuditLogEntity } from '../../common/audit/audit-log.entity';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, notFound } from '../../common/errors/app-error';
import type { UserRef } from '../identity/identity.service';

export interface DraftInput {
  definition: FormDefinition;
  flow?: FlowDefinition | null;
}

/** The working draft of a form and its flow. */
export interface FormDraft {
  formId: string;
  /** The published version the draft was saved against. */
  baseVersion: number;
  /** Counts saves of this draft. */
  revision: number;
  updatedAt: string;
  updatedBy: UserRef | null;
  definition: FormDefinition;
  flow: FlowDefinition | null;
  /**
   * What publishing would refuse, with the publish-time codes; paths start with
   * `/definition` or `/flow`. The draft is saved all the same.
   */
  warnings: DefinitionError[];
  /** No warnings: `POST /api/forms/{id}/versions` would accept it as it is. */
  publishable: boolean;
}

interface DraftRow {
  definition: FormDefinition;
  flow: FlowDefinition | null;
  warnings: DefinitionError[];
  base_version: number;
  revision: number;
  updated_at: Date;
  updated_by: string | null;
  username: string | null;
  display_name: string | null;
}

const prefixed = (prefix: string, errors: DefinitionError[]): DefinitionError[] =>
  errors.map((e) => ({ ...e, path: `${prefix}${e.path}` }));

/** The publish-time checks, run on a draft: the form, then the flow against it. */
export function draftWarnings(
  definition: FormDefinition,
  flow: FlowDefinition | null,
): DefinitionError[] {
  const formErrors = validateForm(definition);
  const flowErrors =
    flow === null ? [] : validateFlow(flow, formErrors.length === 0 ? definition : undefined);
  return [...prefixed('/definition', formErrors), ...prefixed('/flow', flowErrors)];
}

/**
 * One draft per form, saved whole even when it does not validate (a designer saves
 * half-done work); publishing remains `POST /api/forms/{id}/versions`.
 */
@Injectable()
export class FormDraftsService {
  constructor(private readonly db: DataSource) {}

  async get(formId: string): Promise<FormDraft> {
    await this.formKeyOrThrow(formId);
    const rows: DraftRow[] = await this.db.query(
      `SELECT d.definition, d.flow, d.warnings, d.base_version, d.revision, d.updated_at, d.updated_by,
              u.username, u.display_name
         FROM form_drafts d LEFT JOIN users u ON u.id = d.updated_by WHERE d.form_id = $1`,
      [formId],
    );
    const row = rows[0];
    if (!row) throw notFound('The draft');
    return {
      formId,
      baseVersion: row.base_version,
      revision: row.revision,
      updatedAt: new Date(row.updated_at).toISOString(),
      updatedBy:
        row.updated_by && row.username !== null
          ? { id: row.updated_by, username: row.username, displayName: row.display_name ?? '' }
          : null,
      definition: row.definition,
      flow: row.flow,
      warnings: row.warnings,
      publishable: row.warnings.length === 0,
    };
  }

  async save(formId: string, input: DraftInput, user: AuthUser): Promise<FormDraft> {
    const form = await this.formKeyOrThrow(formId);
    if (typeof input.definition.key === 'string' && input.definition.key !== form.key) {
      throw new AppError(
        422,
        'definition_invalid',
        `The definition's key must stay "${form.key}"; nothing was saved.`,
      );
    }
    const flow = input.flow ?? null;
    const warnings = draftWarnings(input.definition, flow);
    await this.db.transaction(async (m) => {
      const before: { revision: number }[] = await m.query(
        'SELECT revision FROM form_drafts WHERE form_id = $1 FOR UPDATE',
        [formId],
      );
      await m.query(
        `INSERT INTO form_drafts (form_id, definition, flow, warnings, base_version, revision, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, now())
         ON CONFLICT (form_id) DO UPDATE SET definition = EXCLUDED.definition, flow = EXCLUDED.flow,
           warnings = EXCLUDED.warnings, base_version = EXCLUDED.base_version,
           revision = form_drafts.revision + 1, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [
          formId,
          JSON.stringify(input.definition),
          flow === null ? null : JSON.stringify(flow),
          JSON.stringify(warnings),
          form.published_version,
          user.id,
        ],
      );
      await m.getRepository(AuditLogEntity).insert({
        actorId: user.id,
        action: 'form.draft_save',
        entityType: 'form',
        entityId: formId,
        before: before[0] ? { revision: before[0].revision } : null,
        after: { revision: (before[0]?.revision ?? 0) + 1, warnings: warnings.length },
      });
    });
    return this.get(formId);
  }

  private async formKeyOrThrow(
    formId: string,
  ): Promise<{ key: string; published_version: number }> {
    const rows: { key: string; published_version: number }[] = await this.db.query(
      'SELECT key, published_version FROM forms WHERE id = $1',
      [formId],
    );
    if (!rows[0]) throw notFound('The form');
    return rows[0];
  }
}
