import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../common/audit/audit.writer';
import type { AuthUser } from '../../common/auth/auth-user';
import {
  CurrentToken,
  CurrentUser,
  type RequestToken,
} from '../../common/auth/current-user.decorator';
import { AppError } from '../../common/errors/app-error';
import { Public, SignedIn } from '../../common/policy/route-policy';
import { RequestSchema } from '../../common/validation/request-validator';
import { IdentityService } from './identity.service';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password.hasher';
import { TokenService } from './token.service';
import { passwordSchema } from './user.schemas';

interface LoginBody {
  username: string;
  password: string;
}

const loginSchema = new RequestSchema<LoginBody>({
  type: 'object',
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 1, maxLength: 200 },
  },
  required: ['username', 'password'],
  additionalProperties: false,
});

const changePasswordSchema = new RequestSchema<{ currentPassword: string; newPassword: string }>({
  type: 'object',
  properties: {
    currentPassword: { type: 'string', minLength: 1, maxLength: 200 },
    newPassword: passwordSchema,
  },
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
});

const wrongCredentials = (): AppError =>
  new AppError(401, 'invalid_credentials', 'Wrong username or password.');

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly db: DataSource,
    private readonly identity: IdentityService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public('signing in')
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in; answers a token that expires',
    description:
      'Five failed attempts for one username from one address within 15 minutes lock that pair for 15 minutes (429 too_many_attempts), across every engine process.',
  })
  @ApiBody({ schema: loginSchema.openApi })
  async login(
    @Body() body: unknown,
    @Req() req: Request,
  ): Promise<{ token: string; user: AuthUser }> {
    const { username, password } = loginSchema.parse(body);
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    await this.throttle.checkOrThrow(username, ip);
    const user = await this.identity.findByUsername(username);
    const ok =
      user !== null && !user.disabled && (await this.hasher.verify(password, user.passwordHash));
    if (!ok || !user) {
      await this.throttle.fail(username, ip);
      throw wrongCredentials();
    }
    const authUser = await this.identity.authUserById(user.id);
    if (!authUser) throw wrongCredentials();
    const token = await this.tokens.sign(user.id);
    await this.db.transaction(async (m) => {
      await m.query('DELETE FROM login_throttle WHERE key = $1', [
        `${username.toLowerCase()}|${ip}`,
      ]);
      await writeAudit(m, {
        actorId: user.id,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        after: { ip },
      });
    });
    return { token, user: authUser };
  }

  @SignedIn()
  @Post('auth/logout')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: this token is refused from now on, by every process' })
  async logout(
    @CurrentUser() user: AuthUser,
    @CurrentToken() token: RequestToken,
  ): Promise<{ signedOut: true }> {
    await this.db.transaction(async (m) => {
      await this.tokens.revoke(m, token);
      await writeAudit(m, {
        actorId: user.id,
        action: 'auth.logout',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return { signedOut: true };
  }

  @SignedIn()
  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }

  @SignedIn()
  @Post('me/password')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Change my password; every other token of mine stops working',
  })
  @ApiBody({ schema: changePasswordSchema.openApi })
  async changePassword(
    @Body() body: unknown,
    @CurrentUser() user: AuthUser,
  ): Promise<{ token: string }> {
    const input = changePasswordSchema.parse(body);
    const row = await this.identity.findByUsername(user.username);
    if (!row || !(await this.hasher.verify(input.currentPassword, row.passwordHash)))
      throw new AppError(403, 'wrong_password', 'The current password is not right.');
    const hash = await this.hasher.hash(input.newPassword);
    await this.db.transaction(async (m) => {
      await m.query('UPDATE users SET password_hash = $2 WHERE id = $1', [user.id, hash]);
      await this.tokens.revokeAllOf(m, user.id);
      await writeAudit(m, {
        actorId: user.id,
        action: 'user.password_change',
        entityType: 'user',
        entityId: user.id,
      });
    });
    return { token: await this.tokens.sign(user.id) };
  }
}
