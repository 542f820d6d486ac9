import { Injectable } from '@nestjs/common';
import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';
import { DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../common/errors/app-error';
import { FormVersionEntity } from './form.entity';

export interface CachedFormVersion {
  definition: FormDefinition;
  flow: FlowDefinition | null;
}

/**
 * Published versions never change, so each is read once per process. Bounded: the
 * oldest entries go first when the cache is full.
 */
@Injectable()
export class FormVersionCache {
  private readonly entries = new Map<string, CachedFormVersion>();
  private readonly capacity = 500;

  constructor(private readonly db: DataSource) {}

  async get(
    formId: string,
    version: number,
    manager: EntityManager = this.db.manager,
  ): Promise<CachedFormVersion> {
    const key = `${formId}@${version}`;
    const hit = this.entries.get(key);
    if (hit) return hit;
    const row = await manager.getRepository(FormVersionEntity).findOneBy({ formId, version });
    if (!row) throw notFound('The form version');
    const value = { definition: row.definition, flow: row.flow };
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, value);
    return value;
  }
}
