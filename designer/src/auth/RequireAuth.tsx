import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { PageLoading } from '../common/PageLoading';
import { useAuth } from './useAuth';

/** Shows its children to a signed-in user; everyone else goes to sign-in and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, signedOutByUser } = useAuth();
  const location = useLocation();
  if (status === 'checking') return <PageLoading />;
  if (status === 'signedOut') {
    // An expired session comes back to where it was; a deliberate sign-out does not.
    const state = signedOutByUser ? undefined : { from: `${location.pathname}${location.search}` };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  return children;
}
