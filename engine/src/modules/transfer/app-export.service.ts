import { Injectable } from '@nestjs/common';
import type { FlowDefinition, FormDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import { DataSource } from 'typeorm';
import { notFound } from '../../common/errors/app-error';
import { FileStorage } from '../files/file-storage.port';
import type { AutomationFlow, AutomationTrigger } from '../automations/automation.types';
import {
  EXPORT_FORMAT,
  EXPORT_FORMAT_VERSION,
  type AppExportFile,
  type ExportedForm,
} from './app-export.format';

interface FormRow {
  id: string;
  key: string;
  name: I18nText;
  position: number;
  published_version: number;
}

/** Writes one app (and on request its records) into the export file format. */
@Injectable()
export class AppExportService {
  constructor(
    private readonly db: DataSource,
    private readonly storage: FileStorage,
  ) {}

  /** `files` brings the records too (files belong to records). */
  async export(
    appKey: string,
    options: { records: boolean; files?: boolean },
  ): Promise<AppExportFile> {
    // One snapshot: every read sees the same committed state.
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const apps: {
        id: string;
        key: string;
        name: I18nText;
        description: I18nText | null;
        template_key: string | null;
      }[] = await m.query(
        'SELECT id, key, name, description, template_key FROM apps WHERE key = $1',
        [appKey],
      );
      const app = apps[0];
      if (!app) throw notFound(`The app "${appKey}"`);
      const forms: FormRow[] = await m.query(
        'SELECT id, key, name, position, published_version FROM forms WHERE app_id = $1 ORDER BY position, key',
        [app.id],
      );
      const versions: {
        form_id: string;
        version: number;
        definition: FormDefinition;
        flow: FlowDefinition | null;
        published_at: Date;
      }[] = await m.query(
        `SELECT v.form_id, v.version, v.definition, v.flow, v.published_at FROM form_versions v
           JOIN forms f ON f.id = v.form_id WHERE f.app_id = $1 ORDER BY v.version`,
        [app.id],
      );
      const drafts: {
        form_id: string;
        definition: FormDefinition;
        flow: FlowDefinition | null;
        base_version: number;
      }[] = await m.query(
        `SELECT d.form_id, d.definition, d.flow, d.base_version FROM form_drafts d
           JOIN forms f ON f.id = d.form_id WHERE f.app_id = $1`,
        [app.id],
      );
      const exportedForms: ExportedForm[] = forms.map((f) => {
        const draft = drafts.find((d) => d.form_id === f.id);
        return {
          key: f.key,
          name: f.name,
          position: f.position,
          publishedVersion: f.published_version,
          versions: versions
            .filter((v) => v.form_id === f.id)
            .map((v) => ({
              version: v.version,
              definition: v.definition,
              flow: v.flow,
              publishedAt: v.published_at.toISOString(),
            })),
          draft: draft
            ? { definition: draft.definition, flow: draft.flow, baseVersion: draft.base_version }
            : null,
        };
      });
      const automations: {
        key: string;
        name: I18nText;
        enabled: boolean;
        trigger: AutomationTrigger;
        flow: AutomationFlow;
      }[] = await m.query(
        'SELECT key, name, enabled, trigger, flow FROM automations WHERE app_id = $1 ORDER BY created_at, key',
        [app.id],
      );
      const roles: { key: string; name: I18nText }[] = await m.query(
        'SELECT key, name FROM roles ORDER BY key',
      );
      const file: AppExportFile = {
        format: EXPORT_FORMAT,
        formatVersion: EXPORT_FORMAT_VERSION,
        exportedAt: new Date().toISOString(),
        app: {
          key: app.key,
          name: app.name,
          description: app.description,
          templateKey: app.template_key,
        },
        roles,
        forms: exportedForms,
        automations: automations.map((a) => ({
          key: a.key,
          name: a.name,
          enabled: a.enabled,
          trigger: a.trigger,
          flow: a.flow,
        })),
      };
      if (options.records || options.files) {
        const keyOf = new Map(forms.map((f) => [f.id, f.key]));
        const records: {
          id: string;
          form_id: string;
          form_version: number;
          data: JsonObject;
          username: string | null;
          created_at: Date;
          updated_at: Date;
        }[] = await m.query(
          `SELECT r.id, r.form_id, r.form_version, r.data, u.username, r.created_at, r.updated_at
             FROM records r JOIN forms f ON f.id = r.form_id LEFT JOIN users u ON u.id = r.created_by
            WHERE f.app_id = $1 AND r.deleted_at IS NULL ORDER BY r.created_at, r.id`,
          [app.id],
        );
        file.records = records.map((r) => ({
          id: r.id,
          form: keyOf.get(r.form_id)!,
          formVersion: r.form_version,
          data: r.data,
          createdBy: r.username,
          createdAt: r.created_at.toISOString(),
          updatedAt: r.updated_at.toISOString(),
        }));
      }
      if (options.files) {
        const keyOf = new Map(forms.map((f) => [f.id, f.key]));
        const rows: {
          id: string;
          record_id: string;
          form_id: string | null;
          field: string | null;
          name: string;
          type: string;
          size: string;
          sha256: string;
          storage_key: string;
          username: string | null;
          created_at: Date;
        }[] = await m.query(
          `SELECT fi.id, fi.record_id, fi.form_id, fi.field, fi.name, fi.type, fi.size, fi.sha256, fi.storage_key,
                  u.username, fi.created_at
             FROM files fi JOIN records r ON r.id = fi.record_id JOIN forms f ON f.id = r.form_id
             LEFT JOIN users u ON u.id = fi.uploaded_by
            WHERE f.app_id = $1 AND r.deleted_at IS NULL ORDER BY fi.created_at, fi.id`,
          [app.id],
        );
        file.files = [];
        for (const f of rows) {
          const bytes = await this.storage.get(f.storage_key);
          file.files.push({
            id: f.id,
            recordId: f.record_id,
            form: f.form_id ? (keyOf.get(f.form_id) ?? null) : null,
            field: f.field,
            name: f.name,
            type: f.type,
            size: Number(f.size),
            sha256: f.sha256,
            uploadedBy: f.username,
            createdAt: f.created_at.toISOString(),
            content: bytes.toString('base64'),
          });
        }
      }
      return file;
    });
  }
}
