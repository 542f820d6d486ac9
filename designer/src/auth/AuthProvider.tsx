import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { User } from '@liuyun/client';
import { api, setUnauthenticatedHandler } from '../api/client';
import { clearToken, readToken, saveToken } from '../api/token.store';
import { AuthContext, type AuthStatus, type AuthValue } from './auth.context';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [signedOutByUser, setSignedOutByUser] = useState(false);
  const [status, setStatus] = useState<AuthStatus>(() => (readToken() ? 'checking' : 'signedOut'));

  useEffect(() => {
    // Any 401 means the session is gone: forget the user, the route guard sends them to sign-in.
    setUnauthenticatedHandler(() => {
      setUser(null);
      setStatus('signedOut');
    });
  }, []);

  useEffect(() => {
    if (status !== 'checking') return;
    const controller = new AbortController();
    api
      .me(controller.signal)
      .then((me) => {
        setUser(me);
        setStatus('signedIn');
      })
      .catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        clearToken();
        setStatus('signedOut');
      });
    return () => controller.abort();
  }, [status]);

  const signIn = useCallback(async (username: string, password: string) => {
    const result = await api.login(username, password);
    saveToken(result.token);
    setSignedOutByUser(false);
    setUser(result.user);
    setStatus('signedIn');
  }, []);

  const signOut = useCallback(() => {
    clearToken();
    setSignedOutByUser(true);
    setUser(null);
    setStatus('signedOut');
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ status, signedOutByUser, user, signIn, signOut }),
    [status, signedOutByUser, user, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
