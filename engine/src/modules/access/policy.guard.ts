import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthUser } from '../../common/auth/auth-user';
import type { AuthedRequest } from '../../common/auth/current-user.decorator';
import { AppError, forbidden, notFound } from '../../common/errors/app-error';
import { ROUTE_POLICY, type Locator, type RoutePolicy } from '../../common/policy/route-policy';
import { IdentityService } from '../identity/identity.service';
import { TokenService } from '../identity/token.service';
import { AccessService, type AccessAnswer } from './access.service';

const unauthenticated = (): AppError =>
  new AppError(401, 'unauthenticated', 'Sign in first: send Authorization: Bearer <token>.');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The raw value a locator points at, or undefined. */
export function locate(req: AuthedRequest, at: Locator): string | undefined {
  let v: unknown;
  if ('param' in at) v = (req.params as Record<string, unknown> | undefined)?.[at.param];
  else if ('query' in at) v = (req.query as Record<string, unknown> | undefined)?.[at.query];
  else {
    const body: unknown = req.body;
    v =
      typeof body === 'object' && body !== null && !Array.isArray(body)
        ? (body as Record<string, unknown>)[at.body]
        : undefined;
  }
  return typeof v === 'string' ? v : undefined;
}

function uuidAt(req: AuthedRequest, at: Locator, what: string): string {
  const v = locate(req, at);
  if (v === undefined || !UUID.test(v)) throw notFound(what);
  return v.toLowerCase();
}

function enforce(answer: AccessAnswer, what: string): true {
  if (answer === 'allowed') return true;
  if (answer === 'not_found') throw notFound(what);
  throw forbidden('You do not have permission to do this.');
}

/**
 * The one guard of every route: reads the route's declared policy and enforces it
 * before the handler (and its body validation) runs. No policy: refused (fail closed).
 */
@Injectable()
export class PolicyGuard implements CanActivate {
  private readonly logger = new Logger('Policy');

  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly identity: IdentityService,
    private readonly access: AccessService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
      ctx.getHandler(),
      ctx.getClass(),
    ]);
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (!policy) {
      this.logger.error(`Refused ${req.method} ${req.path}: the route declares no access policy.`);
      throw new AppError(403, 'policy_missing', 'This route declares no access policy.');
    }
    if (policy.kind === 'public') return true;
    const user = await this.authenticate(req);
    switch (policy.kind) {
      case 'signed_in':
        return true;
      case 'admin':
        if (!user.isAdmin) throw forbidden('Only an administrator may do this.');
        return true;
      case 'builder':
        return enforce(await this.access.builder(user, null, policy.ability), 'The app');
      case 'form':
        return enforce(
          await this.access.form(user, uuidAt(req, policy.form, 'The form'), policy.action),
          'The form',
        );
      case 'record':
        return enforce(
          await this.access.record(user, uuidAt(req, policy.record, 'The record'), policy.action),
          'The record',
        );
      case 'task':
        return enforce(
          await this.access.task(user, uuidAt(req, policy.task, 'The task')),
          'The task',
        );
    }
  }

  private async authenticate(req: AuthedRequest): Promise<AuthUser> {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header) : null;
    if (!match?.[1]) throw unauthenticated();
    const signed = await this.tokens.signed(match[1]);
    if (signed === null) throw unauthenticated();
    // The token's validity, the user and their roles: one statement.
    const user = await this.identity.authUserForToken(signed);
    if (!user) throw unauthenticated();
    req.user = user;
    req.token = { userId: signed.userId, jti: signed.jti, expiresAt: signed.expiresAt };
    return user;
  }
}
