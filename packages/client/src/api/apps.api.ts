import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { AppSummary, PublishedForm } from '../types/apps.types';

const apps = endpoint<AppSummary[]>('GET', '/apps');
const form = endpoint<PublishedForm>('GET', '/forms/{formId}');

export const appsApi = (http: Http) => ({
  apps: (signal?: AbortSignal) => apps(http, { signal }),
  form: (formId: string, signal?: AbortSignal) => form(http, { path: { formId }, signal }),
});
