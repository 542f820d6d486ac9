import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { IdentityModule } from '../identity/identity.module';
import { AccessService } from './access.service';
import { PolicyGuard } from './policy.guard';
import { RoutePolicyRegistry } from './route-policy.registry';

/** The policy layer: the one global guard, the checks it asks, and the route registry. */
@Global()
@Module({
  imports: [DiscoveryModule, IdentityModule],
  providers: [AccessService, RoutePolicyRegistry, { provide: APP_GUARD, useClass: PolicyGuard }],
  exports: [AccessService, RoutePolicyRegistry],
})
export class AccessModule {}
