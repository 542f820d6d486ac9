import type { TemplateSampleRecord } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

/**
 * A published template's sample records, written into a freshly installed app as
 * version-1 records with new ids (so installing twice never collides). Creators are
 * matched by username; unknown ones become the installing admin.
 */
export async function insertSampleRecords(
  m: EntityManager,
  appId: string,
  samples: readonly TemplateSampleRecord[],
  actorId: string,
): Promise<number> {
  if (samples.length === 0) return 0;
  const forms: { id: string; key: string }[] = await m.query(
    'SELECT id, key FROM forms WHERE app_id = $1',
    [appId],
  );
  const formIds = new Map(forms.map((f) => [f.key, f.id]));
  const users: { id: string; username: string }[] = await m.query(
    'SELECT id, username FROM users WHERE username = ANY($1::text[])',
    [[...new Set(samples.map((s) => s.submittedBy))]],
  );
  const userIds = new Map(users.map((u) => [u.username, u.id]));
  const rows = samples.filter((s) => formIds.has(s.form));
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const ids: { id: string }[] = await m.query(
      `INSERT INTO records (id, form_id, form_version, data, version, created_by)
       SELECT gen_random_uuid(), r.form_id, 1, r.data, 1, r.created_by
         FROM unnest($1::uuid[], $2::jsonb[], $3::uuid[]) AS r(form_id, data, created_by)
       RETURNING id`,
      [
        batch.map((s) => formIds.get(s.form)!),
        batch.map((s) => JSON.stringify(s.data)),
        batch.map((s) => userIds.get(s.submittedBy) ?? actorId),
      ],
    );
    await m.query(
      `INSERT INTO record_events (id, record_id, type, actor_id, details)
       SELECT gen_random_uuid(), id, 'record_imported', $2, '{"sample": true}'::jsonb FROM unnest($1::uuid[]) AS id`,
      [ids.map((r) => r.id), actorId],
    );
  }
  return rows.length;
}
