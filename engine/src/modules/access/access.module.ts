import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { IdentityModule } from '../identity/identity.module';
import { AccessService } from './access.service';
import { PermissionSetsController } from './permission-sets.controller';
import { PermissionSetsService } from './permission-sets.service';
import { TemplatePermissionsInstaller } from './template-permissions.installer';
import { AppsModule } from '../apps/apps.module';
import { PolicyGuard } from './policy.guard';
import { RoutePolicyRegistry } from './route-policy.registry';

/** The policy layer: the one global guard, the checks it asks, and the route registry. */
@Global()
@Module({
  imports: [DiscoveryModule, IdentityModule, AppsModule],
  controllers: [PermissionSetsController],
  providers: [
    AccessService,
    PermissionSetsService,
    TemplatePermissionsInstaller,
    RoutePolicyRegistry,
    { provide: APP_GUARD, useClass: PolicyGuard },
  ],
  exports: [AccessService, PermissionSetsService, RoutePolicyRegistry],
})
export class AccessModule {}
