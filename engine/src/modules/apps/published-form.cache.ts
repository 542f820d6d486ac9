import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppsService, type PublishedForm } from './apps.service';

/**
 * The published version of each form, kept per process. Whoever relies on it for a
 * write checks the version in that write's statement (`forms.published_version`), so a
 * version published by another process is noticed there: the entry is forgotten and
 * the request done again with the new one.
 */
@Injectable()
export class PublishedFormCache {
  private readonly entries = new Map<string, PublishedForm>();
  private readonly capacity = 1_000;

  constructor(private readonly apps: AppsService) {}

  /**
   * Inside a transaction pass its manager: a miss is then read on that connection (the
   * embedded database has only one, so reading beside it would wait for ever).
   */
  async get(formId: string, manager?: EntityManager): Promise<PublishedForm> {
    const hit = this.entries.get(formId);
    if (hit) return hit;
    const form = await this.apps.publishedForm(formId, undefined, manager);
    if (this.entries.size >= this.capacity) this.entries.clear();
    this.entries.set(formId, form);
    return form;
  }

  forget(formId: string): void {
    this.entries.delete(formId);
  }
}
