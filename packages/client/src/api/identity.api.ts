import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { LoginResult, User } from '../types/identity.types';

const login = endpoint<LoginResult>('POST', '/auth/login');
const me = endpoint<User>('GET', '/me');

export const identityApi = (http: Http) => ({
  login: (username: string, password: string) =>
    login(http, { body: { username, password }, anonymous: true }),
  me: (signal?: AbortSignal) => me(http, { signal }),
});
