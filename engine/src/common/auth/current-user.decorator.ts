import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AuthUser } from './auth-user';

/** The token a request was signed in with (its id, to sign it out). */
export interface RequestToken {
  jti: string;
  userId: string;
  expiresAt: Date;
}

export interface AuthedRequest extends Request {
  user?: AuthUser;
  token?: RequestToken;
}

/** The user the guard attached to the request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  const req = ctx.switchToHttp().getRequest<AuthedRequest>();
  if (!req.user) throw new Error('CurrentUser used on a public route');
  return req.user;
});

/** The token of the request (signed-in routes only). */
export const CurrentToken = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): RequestToken => {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    if (!req.token) throw new Error('CurrentToken used on a public route');
    return req.token;
  },
);
