import { forbidden } from '../errors/app-error';
import type { AuthUser } from './auth-user';

/** Until per-app builder permissions exist, building and installing is for admins. */
export function requireAdmin(user: AuthUser): void {
  if (!user.isAdmin) throw forbidden('Only an administrator may do this.');
}
