import { Injectable } from '@nestjs/common';
import type { TemplateDefinition } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';

/** Work another module adds to a template install, in the install's transaction. */
export type TemplateInstallHook = (
  m: EntityManager,
  template: TemplateDefinition,
  actorId: string | null,
) => Promise<void>;

/**
 * Lets modules that depend on the apps module (automations) take part in installing a
 * template without the apps module depending on them: they register a hook at start.
 */
@Injectable()
export class TemplateInstallHooks {
  private readonly hooks: TemplateInstallHook[] = [];

  register(hook: TemplateInstallHook): void {
    this.hooks.push(hook);
  }

  async run(m: EntityManager, template: TemplateDefinition, actorId: string | null): Promise<void> {
    for (const hook of this.hooks) await hook(m, template, actorId);
  }
}
