import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  validateTemplate,
  validateTemplateDashboards,
  type I18nText,
  type JsonObject,
  type TemplateDefinition,
  type PublishedTemplate,
  type PublishTemplateInput,
  type TemplateSampleRecord,
} from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import { AppError, conflict } from '../../common/errors/app-error';
import { readAppContent } from './app-content.reader';
import { builtinKeys, publishedVersions } from './template-catalog';
import { canonical, contentRevision, contentOf } from './template-content';
import { compareVersions } from './template-version';

/** The most sample records one template version carries (the template schema's limit). */
export const MAX_TEMPLATE_SAMPLES = 1000;

/** Publishing an app to the gallery as a template version, next to the built-in ones. */
@Injectable()
export class TemplatePublishService {
  constructor(private readonly db: DataSource) {}

  async publish(
    appKey: string,
    input: PublishTemplateInput,
    user: AuthUser,
  ): Promise<PublishedTemplate> {
    if (builtinKeys().has(input.key))
      throw conflict(
        'template_key_taken',
        `"${input.key}" is a built-in template; publish under another key.`,
      );
    return this.db.transaction(async (m) => {
      // One publish of a template key at a time: versions must increase.
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`template:${input.key}`]);
      const previous = (await publishedVersions(m, input.key))[0] ?? null;
      if (previous && compareVersions(input.version, previous.version) <= 0)
        throw conflict(
          'version_not_newer',
          `Version ${input.version} must be higher than the published ${previous.version}.`,
        );
      const { app, content } = await readAppContent(m, appKey);
      if (content.forms.length === 0)
        throw new AppError(
          422,
          'app_empty',
          'The app has no published form; publish a form before publishing the app as a template.',
        );
      const samples = input.samples ? await this.samplesOf(m, app.id) : [];
      const text = canonical(content);
      const roles: { key: string; name: I18nText }[] = (
        await m.query('SELECT key, name FROM roles ORDER BY key')
      ).filter((r: { key: string }) => text.includes(JSON.stringify(r.key)));
      const definition: TemplateDefinition = {
        key: input.key,
        name: input.name,
        description: input.description,
        app: {
          key: input.key,
          name: input.name,
          description: input.description,
          forms: content.forms.map((f) =>
            f.flow ? { form: f.form, flow: f.flow } : { form: f.form },
          ),
        },
        samples,
      };
      if (roles.length > 0) definition.roles = roles;
      if (content.dashboards.length > 0) definition.dashboards = content.dashboards;
      if (content.automations.length > 0) definition.automations = content.automations;
      const errors: object[] = [...validateTemplate(definition)];
      if (errors.length === 0) errors.push(...validateTemplateDashboards(definition));
      if (errors.length > 0)
        throw new AppError(
          422,
          'definition_invalid',
          'The app cannot be published as a template; nothing was published.',
          errors,
        );
      const id = randomUUID();
      const revision = contentRevision(contentOf(definition));
      await m.query(
        `INSERT INTO template_versions (id, key, version, name, description, source_app_id, definition, revision,
                                        sample_records, published_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          id,
          input.key,
          input.version,
          JSON.stringify(input.name),
          JSON.stringify(input.description),
          app.id,
          JSON.stringify(definition),
          revision,
          samples.length,
          user.id,
        ],
      );
      const published: PublishedTemplate = {
        key: input.key,
        version: input.version,
        revision,
        previousVersion: previous?.version ?? null,
        forms: content.forms.length,
        flows: content.forms.filter((f) => f.flow).length,
        automations: content.automations.length,
        dashboards: content.dashboards.length,
        sampleRecords: samples.length,
      };
      await writeAudit(m, {
        actorId: user.id,
        action: 'template.publish',
        entityType: 'template',
        entityId: id,
        before: previous ? { version: previous.version } : null,
        after: { ...published, appKey },
      });
      return published;
    });
  }

  private async samplesOf(m: EntityManager, appId: string): Promise<TemplateSampleRecord[]> {
    const rows: { form: string; username: string | null; data: JsonObject }[] = await m.query(
      `SELECT f.key AS form, u.username, r.data FROM records r
         JOIN forms f ON f.id = r.form_id LEFT JOIN users u ON u.id = r.created_by
        WHERE f.app_id = $1 AND r.deleted_at IS NULL ORDER BY r.created_at, r.id LIMIT $2`,
      [appId, MAX_TEMPLATE_SAMPLES + 1],
    );
    if (rows.length > MAX_TEMPLATE_SAMPLES)
      throw new AppError(
        422,
        'too_many_samples',
        `The app holds more than ${MAX_TEMPLATE_SAMPLES} records; publish it without sample data.`,
      );
    return rows.map((r) => ({ form: r.form, submittedBy: r.username ?? 'admin', data: r.data }));
  }
}
