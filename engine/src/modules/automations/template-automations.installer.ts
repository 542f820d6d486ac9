import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TemplateDefinition } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { TemplateInstallHooks } from '../templates/template-install.hooks';
import type { AutomationInput } from './automation.types';
import { AutomationsService } from './automations.service';

/**
 * Saves a template's automations with its app (checked like any automation; an invalid
 * one fails the whole install). Automations already there (same key) are left as they are,
 * so installing again never replaces an admin's edits.
 */
@Injectable()
export class TemplateAutomationsInstaller implements OnModuleInit {
  constructor(
    private readonly hooks: TemplateInstallHooks,
    private readonly automations: AutomationsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register((m, template, actorId) => this.install(m, template, actorId));
  }

  async install(
    m: EntityManager,
    template: TemplateDefinition,
    actorId: string | null,
  ): Promise<void> {
    if (!template.automations?.length) return;
    const owner = actorId ?? (await firstAdmin(m));
    if (!owner)
      throw new AppError(
        409,
        'no_admin',
        'A template with automations needs an administrator to own them; create one first.',
      );
    const existing: { key: string }[] = await m.query(
      'SELECT a.key FROM automations a JOIN apps p ON p.id = a.app_id WHERE p.key = $1',
      [template.app.key],
    );
    const have = new Set(existing.map((e) => e.key));
    for (const automation of template.automations) {
      if (have.has(automation.key)) continue;
      await this.automations.createIn(
        m,
        template.app.key,
        automation as unknown as AutomationInput,
        owner,
      );
    }
  }
}

async function firstAdmin(m: EntityManager): Promise<string | null> {
  const rows: { id: string }[] = await m.query(
    'SELECT id FROM users WHERE is_admin AND NOT disabled ORDER BY created_at LIMIT 1',
  );
  return rows[0]?.id ?? null;
}
