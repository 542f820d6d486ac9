import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { DirectoryService } from './directory.service';
import { IdentityService } from './identity.service';
import { PasswordHasher } from './password.hasher';
import { TokenService } from './token.service';

@Module({
  controllers: [AuthController],
  providers: [IdentityService, DirectoryService, PasswordHasher, TokenService],
  exports: [IdentityService, DirectoryService, PasswordHasher, TokenService],
})
export class IdentityModule {}
