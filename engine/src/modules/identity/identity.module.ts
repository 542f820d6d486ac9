import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { DepartmentsService } from './departments.service';
import { DirectoryService } from './directory.service';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle.service';
import { OrgAdminController } from './org-admin.controller';
import { PasswordHasher } from './password.hasher';
import { RolesService } from './roles.service';
import { TokenService } from './token.service';
import { UsersAdminController } from './users-admin.controller';
import { UsersAdminService } from './users-admin.service';

@Module({
  controllers: [AuthController, UsersAdminController, OrgAdminController],
  providers: [
    IdentityService,
    DirectoryService,
    PasswordHasher,
    TokenService,
    LoginThrottle,
    UsersAdminService,
    DepartmentsService,
    RolesService,
  ],
  exports: [IdentityService, DirectoryService, PasswordHasher, TokenService],
})
export class IdentityModule {}
