import { Injectable } from '@nestjs/common';
import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/errors/app-error';
import type { UserRef } from '../identity/identity.service';

/** One published version in the list. */
export interface FormVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: UserRef | null;
  /** The version new submissions use. */
  published: boolean;
  status: 'published' | 'previous';
  hasFlow: boolean;
  /** Process instances still running on this version. */
  runningInstances: number;
}

export interface FormVersionList {
  formId: string;
  publishedVersion: number;
  /** The working draft, if one is saved. */
  draft: { baseVersion: number; revision: number; updatedAt: string } | null;
  versions: FormVersionSummary[];
}

/** One version whole: what a diff view compares. */
export interface FormVersionDetail extends FormVersionSummary {
  formId: string;
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

interface VersionRow {
  version: number;
  published_at: Date;
  published_by: string | null;
  username: string | null;
  display_name: string | null;
  has_flow: boolean;
  running: number;
  current: number;
}

const VERSION_SELECT = `SELECT v.version, v.published_at, v.published_by, u.username, u.display_name,
       (v.flow IS NOT NULL) AS has_flow, f.published_version AS current,
       (SELECT count(*)::int FROM process_instances pi
         WHERE pi.form_id = v.form_id AND pi.form_version = v.version AND pi.status = 'running') AS running
  FROM form_versions v JOIN forms f ON f.id = v.form_id LEFT JOIN users u ON u.id = v.published_by`;

function summary(r: VersionRow): FormVersionSummary {
  const published = r.version === r.current;
  return {
    version: r.version,
    publishedAt: new Date(r.published_at).toISOString(),
    publishedBy:
      r.published_by && r.username !== null
        ? { id: r.published_by, username: r.username, displayName: r.display_name ?? '' }
        : null,
    published,
    status: published ? 'published' : 'previous',
    hasFlow: r.has_flow,
    runningInstances: r.running,
  };
}

/** The published versions of a form, newest first, and any one of them whole. */
@Injectable()
export class FormVersionsService {
  constructor(private readonly db: DataSource) {}

  async list(formId: string): Promise<FormVersionList> {
    const forms: { published_version: number }[] = await this.db.query(
      'SELECT published_version FROM forms WHERE id = $1',
      [formId],
    );
    const form = forms[0];
    if (!form) throw notFound('The form');
    const rows: VersionRow[] = await this.db.query(
      `${VERSION_SELECT} WHERE v.form_id = $1 ORDER BY v.version DESC`,
      [formId],
    );
    const drafts: { base_version: number; revision: number; updated_at: Date }[] =
      await this.db.query(
        'SELECT base_version, revision, updated_at FROM form_drafts WHERE form_id = $1',
        [formId],
      );
    const draft = drafts[0];
    return {
      formId,
      publishedVersion: form.published_version,
      draft: draft
        ? {
            baseVersion: draft.base_version,
            revision: draft.revision,
            updatedAt: new Date(draft.updated_at).toISOString(),
          }
        : null,
      versions: rows.map(summary),
    };
  }

  async get(formId: string, version: number): Promise<FormVersionDetail> {
    const rows: VersionRow[] = await this.db.query(
      `${VERSION_SELECT} WHERE v.form_id = $1 AND v.version = $2`,
      [formId, version],
    );
    const row = rows[0];
    if (!row) throw notFound('The form version');
    // json columns: read as stored, key order included.
    const docs: { definition: FormDefinition; flow: FlowDefinition | null }[] = await this.db.query(
      'SELECT definition, flow FROM form_versions WHERE form_id = $1 AND version = $2',
      [formId, version],
    );
    const doc = docs[0];
    if (!doc) throw notFound('The form version');
    return { formId, ...summary(row), definition: doc.definition, flow: doc.flow };
  }
}
