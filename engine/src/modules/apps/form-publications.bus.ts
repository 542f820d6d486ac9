import { Injectable } from '@nestjs/common';
import type { FlowDefinition } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

/** A form version was published (its flow may be null); told inside the publishing transaction. */
export interface FormPublication {
  formId: string;
  version: number;
  flow: FlowDefinition | null;
}

export type FormPublicationListener = (m: EntityManager, p: FormPublication) => Promise<void>;

/** Where publishing announces new versions (the flow scheduler plans schedules from it). */
@Injectable()
export class FormPublications {
  private readonly listeners: FormPublicationListener[] = [];

  subscribe(listener: FormPublicationListener): void {
    this.listeners.push(listener);
  }

  async publish(m: EntityManager, publication: FormPublication): Promise<void> {
    for (const listener of this.listeners) await listener(m, publication);
  }
}
