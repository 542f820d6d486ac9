import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Public } from '../../common/auth/public.decorator';
import { AppError } from '../../common/errors/app-error';
import { RequestSchema } from '../../common/validation/request-validator';
import { IdentityService } from './identity.service';
import { PasswordHasher } from './password.hasher';
import { TokenService } from './token.service';
import { SignedIn } from '../../common/policy/route-policy';

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

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  @Public('signing in')
  @Post('auth/login')
  @HttpCode(200)
  @ApiBody({ schema: loginSchema.openApi })
  async login(@Body() body: unknown): Promise<{ token: string; user: AuthUser }> {
    const { username, password } = loginSchema.parse(body);
    const user = await this.identity.findByUsername(username);
    const ok =
      user !== null && !user.disabled && (await this.hasher.verify(password, user.passwordHash));
    if (!ok || !user) throw new AppError(401, 'invalid_credentials', 'Wrong username or password.');
    const authUser = await this.identity.authUserById(user.id);
    if (!authUser) throw new AppError(401, 'invalid_credentials', 'Wrong username or password.');
    return { token: await this.tokens.sign(user.id), user: authUser };
  }

  @ApiBearerAuth()
  @SignedIn()
  @Get('me')
  me(@CurrentUser() user: AuthUser): AuthUser {
    return user;
  }
}
