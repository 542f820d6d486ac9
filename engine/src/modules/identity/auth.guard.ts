import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '../../common/auth/public.decorator';
import type { AuthedRequest } from '../../common/auth/current-user.decorator';
import { AppError } from '../../common/errors/app-error';
import { IdentityService } from './identity.service';
import { TokenService } from './token.service';

const unauthenticated = (): AppError =>
  new AppError(401, 'unauthenticated', 'Sign in first: send Authorization: Bearer <token>.');

/** Guards every route: a valid token of an active user, unless the route is @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly identity: IdentityService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    if (isPublic) return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header) : null;
    if (!match?.[1]) throw unauthenticated();
    const userId = await this.tokens.verify(match[1]);
    if (userId === null) throw unauthenticated();
    const user = await this.identity.authUserById(userId);
    if (!user) throw unauthenticated();
    req.user = user;
    return true;
  }
}
