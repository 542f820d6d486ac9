import { Injectable } from '@nestjs/common';
import type { JsonObject } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

/** A record was created, updated or deleted; told to listeners inside the same transaction. */
export interface RecordChange {
  type: 'created' | 'updated' | 'deleted';
  formId: string;
  recordId: string;
  before: JsonObject | null;
  after: JsonObject | null;
  /** The person, or null when a flow or an automation made the change. */
  actorId: string | null;
  /** How many automations led to this change (0 = a person); stops runaway chains. */
  depth: number;
  /**
   * The form version the data was stored under, when the publisher knows it is the
   * published one (a submission checked against it in the same statement): listeners
   * then need not read the published version again.
   */
  formVersion?: number;
}

export type RecordChangeListener = (m: EntityManager, change: RecordChange) => Promise<void>;

/**
 * Where record changes are announced, so that other modules (automations) react in the
 * same transaction — a change and the work it triggers commit together or not at all.
 */
@Injectable()
export class RecordChangeBus {
  private readonly listeners: RecordChangeListener[] = [];

  subscribe(listener: RecordChangeListener): void {
    this.listeners.push(listener);
  }

  async publish(m: EntityManager, change: RecordChange): Promise<void> {
    for (const listener of this.listeners) await listener(m, change);
  }
}
