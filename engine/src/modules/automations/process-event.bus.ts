import type { Effect } from '@liuyun/runtime';
import type { EntityManager } from 'typeorm';
import type { ProcessInstanceEntity } from '../processes/process-instance.entity';

/**
 * A step of a process instance (its new state and the effects it produced), told to
 * listeners inside the step's transaction: automations on `process_ended` and
 * `process_reached_node` react to it and commit with it.
 */
export type ProcessStepListener = (
  m: EntityManager,
  instance: ProcessInstanceEntity,
  effects: readonly Effect[],
) => Promise<void>;

/** Where the process runner announces its steps (held by the RecordWriter; see docs). */
export class ProcessEventBus {
  private readonly listeners: ProcessStepListener[] = [];

  subscribe(listener: ProcessStepListener): void {
    this.listeners.push(listener);
  }

  async publish(
    m: EntityManager,
    instance: ProcessInstanceEntity,
    effects: readonly Effect[],
  ): Promise<void> {
    for (const listener of this.listeners) await listener(m, instance, effects);
  }
}
