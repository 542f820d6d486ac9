import { createLiuyunClient } from '@liuyun/client';
import { clearToken, readToken } from './token.store';

type UnauthenticatedHandler = () => void;

let onUnauthenticated: UnauthenticatedHandler = () => undefined;

/** The app decides what a 401 means (back to sign-in); the client only reports it. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler): void {
  onUnauthenticated = handler;
}

/** The one client of the engine's API the designer uses (`@liuyun/client`). */
export const api = createLiuyunClient({
  baseUrl: '/api',
  getToken: readToken,
  onUnauthenticated: () => {
    clearToken();
    onUnauthenticated();
  },
});
