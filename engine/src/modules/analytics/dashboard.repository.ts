import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { DashboardDefinition, I18nText } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';

export interface DashboardRow {
  id: string;
  appId: string;
  appKey: string;
  key: string;
  name: I18nText;
  definition: DashboardDefinition;
  position: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Raw {
  id: string;
  app_id: string;
  app_key: string;
  key: string;
  name: I18nText;
  definition: DashboardDefinition;
  position: number;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT d.id, d.app_id, a.key AS app_key, d.key, d.name, d.definition, d.position,
       d.version, d.created_at, d.updated_at
  FROM dashboards d JOIN apps a ON a.id = d.app_id`;

const toRow = (r: Raw): DashboardRow => ({
  id: r.id,
  appId: r.app_id,
  appKey: r.app_key,
  key: r.key,
  name: r.name,
  definition: r.definition,
  position: r.position,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/**
 * Adds a dashboard to an app, after the existing ones; false when the app already has
 * one with that key. A plain function so installing a template can call it in its own
 * transaction.
 */
export async function insertDashboard(
  m: EntityManager,
  appId: string,
  definition: DashboardDefinition,
  actorId: string | null,
  id: string = randomUUID(),
): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `INSERT INTO dashboards (id, app_id, key, name, definition, position, created_by)
     SELECT $1, $2, $3, $4, $5, COALESCE(max(position) + 1, 0), $6 FROM dashboards WHERE app_id = $2
     ON CONFLICT (app_id, key) DO NOTHING RETURNING id`,
    [id, appId, definition.key, definition.name, JSON.stringify(definition), actorId],
  );
  return rows.length > 0;
}

/** Dashboards as stored: one row per dashboard, its definition kept as saved. */
@Injectable()
export class DashboardRepository {
  constructor(private readonly db: DataSource) {}

  async listByApp(appId: string): Promise<DashboardRow[]> {
    const rows: Raw[] = await this.db.query(
      `${SELECT} WHERE d.app_id = $1 ORDER BY d.position, d.key`,
      [appId],
    );
    return rows.map(toRow);
  }

  async find(id: string, m: EntityManager = this.db.manager): Promise<DashboardRow | null> {
    const rows: Raw[] = await m.query(`${SELECT} WHERE d.id = $1`, [id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Saves a new definition if the stored version is `expected`; false when it moved on. */
  async update(
    m: EntityManager,
    id: string,
    expected: number,
    definition: DashboardDefinition,
  ): Promise<boolean> {
    const [, affected] = (await m.query(
      `UPDATE dashboards SET definition = $3, name = $4, version = version + 1, updated_at = now()
        WHERE id = $1 AND version = $2`,
      [id, expected, JSON.stringify(definition), definition.name],
    )) as [unknown, number];
    return affected === 1;
  }

  async delete(m: EntityManager, id: string): Promise<void> {
    await m.query('DELETE FROM dashboards WHERE id = $1', [id]);
  }
}
