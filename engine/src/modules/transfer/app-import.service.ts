import { randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { FlowDefinition, FormDefinition, I18nText } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, conflict } from '../../common/errors/app-error';
import { checkAutomation, triggerFormKey } from '../automations/automation-definition.check';
import { findAutomationLoops } from '../automations/automation-loop.check';
import { AutomationRepository } from '../automations/automation.repository';
import { AutomationSchedule } from '../automations/automation-schedule.service';
import type { AutomationRow } from '../automations/automation.types';
import { FileStorage } from '../files/file-storage.port';
import type {
  AppExportFile,
  ExportedAutomation,
  ExportedFile,
  ExportedForm,
  ExportedRecord,
} from './app-export.format';
import { checkImportFile, decodeBase64 } from './app-import.check';

export interface ImportSummary {
  app: { id: string; key: string; name: I18nText };
  /** `created`: the app was new here; `updated`: new versions were published over it. */
  mode: 'created' | 'updated';
  forms: { key: string; action: 'created' | 'published' | 'unchanged'; version: number }[];
  automations: { key: string; action: 'created' | 'updated' }[];
  records: number;
  files: number;
}

const invalid = (details: unknown[]): AppError =>
  new AppError(422, 'import_invalid', 'The file cannot be imported; nothing was changed.', details);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const latest = (f: ExportedForm) =>
  f.versions.find(
    (v) => v.version === (f.publishedVersion ?? Math.max(...f.versions.map((x) => x.version))),
  ) ?? f.versions[f.versions.length - 1]!;

/**
 * Imports an app export in one transaction. A new app key creates the app with every
 * version as it was; a key already here publishes, form by form, the file's current
 * version where it differs (running instances keep theirs) and updates the automations
 * — the way a tested app is promoted to production. Records come along only into a new
 * app (they keep their ids). Anything wrong: nothing is stored.
 */
@Injectable()
export class AppImportService {
  constructor(
    private readonly db: DataSource,
    private readonly automations: AutomationRepository,
    private readonly schedule: AutomationSchedule,
    private readonly storage: FileStorage,
  ) {}

  async import(file: AppExportFile, user: AuthUser): Promise<ImportSummary> {
    const problems = checkImportFile(file);
    if (problems.length > 0) throw invalid(problems);
    // File bytes are stored before the rows commit; if the import fails they go again.
    const storedKeys: string[] = [];
    try {
      return await this.importAll(file, user, storedKeys);
    } catch (e) {
      for (const key of storedKeys) await this.storage.delete(key).catch(() => undefined);
      throw e;
    }
  }

  private importAll(
    file: AppExportFile,
    user: AuthUser,
    storedKeys: string[],
  ): Promise<ImportSummary> {
    return this.db.transaction(async (m) => {
      // One import of an app key at a time.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import:${file.app.key}`]);
      for (const role of file.roles ?? [])
        await m.query(
          'INSERT INTO roles (id, key, name) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
          [randomUUID(), role.key, JSON.stringify(role.name)],
        );
      const existing: { id: string }[] = await m.query(
        'SELECT id FROM apps WHERE key = $1 FOR UPDATE',
        [file.app.key],
      );
      const mode = existing[0] ? 'updated' : 'created';
      if (mode === 'updated' && (file.records?.length ?? 0) > 0)
        throw conflict(
          'app_exists',
          `The app "${file.app.key}" is already here: records are imported only into a new app. Export without records to promote new versions.`,
        );
      const appId = existing[0]?.id ?? randomUUID();
      if (mode === 'created') {
        await m.query(
          'INSERT INTO apps (id, key, name, description, template_key) VALUES ($1, $2, $3, $4, $5)',
          [
            appId,
            file.app.key,
            JSON.stringify(file.app.name),
            file.app.description ? JSON.stringify(file.app.description) : null,
            file.app.templateKey,
          ],
        );
      } else {
        await m.query('UPDATE apps SET name = $2, description = $3 WHERE id = $1', [
          appId,
          JSON.stringify(file.app.name),
          file.app.description ? JSON.stringify(file.app.description) : null,
        ]);
      }
      const forms: ImportSummary['forms'] = [];
      const formIds = new Map<string, string>();
      for (const [position, form] of file.forms.entries()) {
        const done = await this.importForm(m, appId, form, form.position ?? position, user.id);
        formIds.set(form.key, done.id);
        forms.push({ key: form.key, action: done.action, version: done.version });
      }
      const automations = await this.importAutomations(m, appId, file.automations ?? [], user.id);
      const records = await this.importRecords(m, formIds, file.records ?? [], user.id);
      const files = await this.importFiles(m, formIds, file.files ?? [], user.id, storedKeys);
      await writeAudit(m, {
        actorId: user.id,
        action: 'app.import',
        entityType: 'app',
        entityId: appId,
        after: {
          key: file.app.key,
          mode,
          forms,
          automations,
          records,
          files,
          exportedAt: file.exportedAt ?? null,
        },
      });
      return {
        app: { id: appId, key: file.app.key, name: file.app.name },
        mode,
        forms,
        automations,
        records,
        files,
      };
    });
  }

  private async insertVersion(
    m: EntityManager,
    formId: string,
    version: number,
    definition: FormDefinition,
    flow: FlowDefinition | null,
    actorId: string,
    publishedAt?: string,
  ): Promise<void> {
    await m.query(
      `INSERT INTO form_versions (form_id, version, definition, flow, published_by, published_at)
       VALUES ($1, $2, $3, $4, $5, COALESCE($6::timestamptz, now()))`,
      [
        formId,
        version,
        JSON.stringify(definition),
        flow === null ? null : JSON.stringify(flow),
        actorId,
        publishedAt ?? null,
      ],
    );
  }

  private async importForm(
    m: EntityManager,
    appId: string,
    form: ExportedForm,
    position: number,
    actorId: string,
  ): Promise<{ id: string; action: ImportSummary['forms'][number]['action']; version: number }> {
    const current: { id: string; published_version: number }[] = await m.query(
      'SELECT id, published_version FROM forms WHERE app_id = $1 AND key = $2 FOR UPDATE',
      [appId, form.key],
    );
    const head = latest(form);
    if (!current[0]) {
      const id = randomUUID();
      await m.query(
        'INSERT INTO forms (id, app_id, key, name, published_version, position) VALUES ($1, $2, $3, $4, $5, $6)',
        [id, appId, form.key, JSON.stringify(form.name), head.version, position],
      );
      for (const v of [...form.versions].sort((a, b) => a.version - b.version))
        await this.insertVersion(
          m,
          id,
          v.version,
          v.definition,
          v.flow ?? null,
          actorId,
          v.publishedAt,
        );
      if (form.draft)
        await m.query(
          `INSERT INTO form_drafts (form_id, definition, flow, base_version, updated_by) VALUES ($1, $2, $3, $4, $5)`,
          [
            id,
            JSON.stringify(form.draft.definition),
            form.draft.flow ? JSON.stringify(form.draft.flow) : null,
            form.draft.baseVersion,
            actorId,
          ],
        );
      return { id, action: 'created', version: head.version };
    }
    const { id, published_version: version } = current[0];
    const published: { definition: FormDefinition; flow: FlowDefinition | null }[] = await m.query(
      'SELECT definition, flow FROM form_versions WHERE form_id = $1 AND version = $2',
      [id, version],
    );
    if (
      published[0] &&
      same(published[0].definition, head.definition) &&
      same(published[0].flow, head.flow ?? null)
    )
      return { id, action: 'unchanged', version };
    const next = version + 1;
    await this.insertVersion(m, id, next, head.definition, head.flow ?? null, actorId);
    await m.query('UPDATE forms SET published_version = $2, name = $3 WHERE id = $1', [
      id,
      next,
      JSON.stringify(form.name),
    ]);
    return { id, action: 'published', version: next };
  }

  private async importAutomations(
    m: EntityManager,
    appId: string,
    list: ExportedAutomation[],
    actorId: string,
  ): Promise<ImportSummary['automations']> {
    if (list.length === 0) return [];
    const forms = await this.automations.appForms(m, appId);
    const errors = list.flatMap((a, i) =>
      checkAutomation({ trigger: a.trigger, flow: a.flow }, forms).map((e) => ({
        ...e,
        path: `/automations/${i}${e.path}`,
      })),
    );
    if (errors.length > 0) throw invalid(errors);
    const present = await this.automations.ofApp(m, appId);
    const imported = new Set(list.map((a) => a.key));
    const loops = findAutomationLoops([
      ...list.filter((a) => a.enabled ?? true),
      ...present.filter((a) => a.enabled && !imported.has(a.key)),
    ]);
    if (loops.length > 0) throw invalid(loops);
    const done: ImportSummary['automations'] = [];
    for (const a of list) {
      const formKey = triggerFormKey(a.trigger);
      const formId = formKey === null ? null : (forms.get(formKey)?.id ?? null);
      const before = present.find((p) => p.key === a.key);
      const id = before?.id ?? randomUUID();
      const secret =
        a.trigger.kind !== 'webhook'
          ? null
          : (before?.webhook_secret ?? randomBytes(32).toString('hex'));
      if (before) {
        await m.query(
          `UPDATE automations SET name = $2, enabled = $3, trigger_kind = $4, form_id = $5, trigger = $6, flow = $7,
                  webhook_secret = $8, revision = revision + 1, updated_at = now() WHERE id = $1`,
          [
            id,
            JSON.stringify(a.name),
            a.enabled ?? true,
            a.trigger.kind,
            formId,
            JSON.stringify(a.trigger),
            JSON.stringify(a.flow),
            secret,
          ],
        );
        await this.schedule.cancel(m, id);
      } else {
        await m.query(
          `INSERT INTO automations (id, app_id, key, name, enabled, trigger_kind, form_id, trigger, flow, webhook_secret, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          [
            id,
            appId,
            a.key,
            JSON.stringify(a.name),
            a.enabled ?? true,
            a.trigger.kind,
            formId,
            JSON.stringify(a.trigger),
            JSON.stringify(a.flow),
            secret,
            actorId,
          ],
        );
      }
      const row = (await this.automations.byId(m, id)) as AutomationRow;
      await this.schedule.plan(m, row, new Date());
      done.push({ key: a.key, action: before ? 'updated' : 'created' });
    }
    return done;
  }

  /** Records in batches, with their ids, creators matched by username, one timeline line each. */
  private async importRecords(
    m: EntityManager,
    formIds: Map<string, string>,
    records: ExportedRecord[],
    actorId: string,
  ): Promise<number> {
    if (records.length === 0) return 0;
    const usernames = [
      ...new Set(
        records.map((r) => r.createdBy).filter((u): u is string => u !== null && u !== undefined),
      ),
    ];
    const users: { id: string; username: string }[] = await m.query(
      'SELECT id, username FROM users WHERE username = ANY($1::text[])',
      [usernames],
    );
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    for (let i = 0; i < records.length; i += 500) {
      const batch = records.slice(i, i + 500);
      const ids = batch.map((r) => r.id.toLowerCase());
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO records (id, form_id, form_version, data, version, created_by, created_at, updated_at)
         SELECT r.id, r.form_id, r.form_version, r.data, 1, r.created_by,
                COALESCE(r.created_at, now()), COALESCE(r.updated_at, now())
           FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::jsonb[], $5::uuid[], $6::timestamptz[], $7::timestamptz[])
                AS r(id, form_id, form_version, data, created_by, created_at, updated_at)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          ids,
          batch.map((r) => formIds.get(r.form)!),
          batch.map((r) => r.formVersion),
          batch.map((r) => JSON.stringify(r.data)),
          batch.map((r) => (r.createdBy ? (userIds.get(r.createdBy) ?? actorId) : actorId)),
          batch.map((r) => r.createdAt ?? null),
          batch.map((r) => r.updatedAt ?? null),
        ],
      );
      if (inserted.length !== batch.length) {
        const taken = ids.find((id) => !inserted.some((r) => r.id === id));
        throw conflict(
          'record_exists',
          `A record with id ${taken} is already here; nothing was imported.`,
        );
      }
      await m.query(
        `INSERT INTO record_events (id, record_id, type, actor_id, details)
         SELECT gen_random_uuid(), id, 'record_imported', $2, '{}'::jsonb FROM unnest($1::uuid[]) AS id`,
        [ids, actorId],
      );
    }
    return records.length;
  }

  /** The records' files: bytes under new storage keys, rows with their ids, held by their records. */
  private async importFiles(
    m: EntityManager,
    formIds: Map<string, string>,
    files: ExportedFile[],
    actorId: string,
    storedKeys: string[],
  ): Promise<number> {
    if (files.length === 0) return 0;
    const usernames = [
      ...new Set(files.map((f) => f.uploadedBy).filter((u): u is string => typeof u === 'string')),
    ];
    const users: { id: string; username: string }[] = await m.query(
      'SELECT id, username FROM users WHERE username = ANY($1::text[])',
      [usernames],
    );
    const userIds = new Map(users.map((u) => [u.username, u.id]));
    for (const f of files) {
      const key = randomUUID();
      await this.storage.put(key, decodeBase64(f.content)!);
      storedKeys.push(key);
      const inserted: unknown[] = await m.query(
        `INSERT INTO files (id, name, type, size, sha256, storage_key, uploaded_by, form_id, field, record_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, COALESCE($11::timestamptz, now()))
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          f.id.toLowerCase(),
          f.name,
          f.type,
          f.size,
          f.sha256,
          key,
          (f.uploadedBy ? userIds.get(f.uploadedBy) : undefined) ?? actorId,
          f.form ? (formIds.get(f.form) ?? null) : null,
          f.field ?? null,
          f.recordId.toLowerCase(),
          f.createdAt ?? null,
        ],
      );
      if (inserted.length === 0)
        throw conflict(
          'file_exists',
          `A file with id ${f.id} is already here; nothing was imported.`,
        );
    }
    return files.length;
  }
}
