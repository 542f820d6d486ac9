import { createContext } from 'react';
import type { User } from '@liuyun/client';

export type AuthStatus = 'checking' | 'signedIn' | 'signedOut';

export interface AuthValue {
  status: AuthStatus;
  /** True after the user signed out themself: sign-in then starts fresh at home. */
  signedOutByUser: boolean;
  user: User | null;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => void;
}

export const AuthContext = createContext<AuthValue | null>(null);
