import { useContext } from 'react';
import { AuthContext, type AuthValue } from './auth.context';

/** The signed-in user and the sign-in/out actions. Must sit under `<AuthProvider>`. */
export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
