import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { BuilderLookupController } from './builder-lookup.controller';
import { DirectoryService } from './directory.service';
import { IdentityService } from './identity.service';
import { PasswordHasher } from './password.hasher';
import { TokenService } from './token.service';

@Module({
  controllers: [AuthController, BuilderLookupController],
  providers: [
    IdentityService,
    DirectoryService,
    PasswordHasher,
    TokenService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [IdentityService, DirectoryService, PasswordHasher, TokenService],
})
export class IdentityModule {}
