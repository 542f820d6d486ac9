import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { TemplateDefinition } from '@liuyun/definitions';
import type { EntityManager } from 'typeorm';
import { TemplateInstallHooks } from '../templates/template-install.hooks';
import { PermissionSetsService } from './permission-sets.service';

/**
 * Installs a template's permission sets with its app, each given to the template's roles
 * (checked like any set: an invalid one fails the whole install). A set already there
 * (same key) is left as it is, so installing again never replaces an admin's edits.
 */
@Injectable()
export class TemplatePermissionsInstaller implements OnModuleInit {
  constructor(
    private readonly hooks: TemplateInstallHooks,
    private readonly sets: PermissionSetsService,
  ) {}

  onModuleInit(): void {
    this.hooks.register((m, template, actorId) => this.install(m, template, actorId));
  }

  async install(
    m: EntityManager,
    template: TemplateDefinition,
    actorId: string | null,
  ): Promise<void> {
    if (!template.permissionSets?.length) return;
    const existing: { key: string }[] = await m.query(
      'SELECT s.key FROM permission_sets s JOIN apps a ON a.id = s.app_id WHERE a.key = $1',
      [template.app.key],
    );
    const have = new Set(existing.map((e) => e.key));
    for (const set of template.permissionSets) {
      if (have.has(set.key)) continue;
      await this.sets.createIn(
        m,
        template.app.key,
        {
          key: set.key,
          name: set.name,
          description: set.description ?? null,
          forms: set.forms,
          assignments: set.roles.map((subject) => ({ type: 'role' as const, subject })),
        },
        actorId,
      );
    }
  }
}
