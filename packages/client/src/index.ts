/**
 * The typed client of the Liuyun REST API (docs/api.md, OpenAPI at /api/docs-json).
 * One file per area under `api/` declares its routes with `endpoint()`; a test checks every
 * declared route against the engine's OpenAPI document.
 */
import { analyticsApi } from './api/analytics.api';
import { adminApi } from './api/admin.api';
import { auditApi } from './api/audit.api';
import { calendarApi } from './api/calendar.api';
import { appsApi } from './api/apps.api';
import { builderApi } from './api/builder.api';
import { identityApi } from './api/identity.api';
import { operationsApi } from './api/operations.api';
import { permissionSetsApi } from './api/permission-sets.api';
import { incidentsApi } from './api/incidents.api';
import { notificationsApi } from './api/notifications.api';
import { recordListsApi } from './api/record-lists.api';
import { recordsApi } from './api/records.api';
import { tasksApi } from './api/tasks.api';
import { templatesApi } from './api/templates.api';
import { workspaceApi } from './api/workspace.api';
import { createHttpClient, type HttpClientOptions } from './http.client';

export function createLiuyunClient(options: HttpClientOptions) {
  const http = createHttpClient(options);
  return {
    http,
    ...identityApi(http),
    ...appsApi(http),
    ...recordsApi(http),
    ...recordListsApi(http),
    ...tasksApi(http),
    ...operationsApi(http),
    ...incidentsApi(http),
    ...notificationsApi(http),
    ...analyticsApi(http),
    ...workspaceApi(http),
    ...builderApi(http),
    ...permissionSetsApi(http),
    ...adminApi(http),
    ...calendarApi(http),
    ...auditApi(http),
    ...templatesApi(http),
  };
}

export type LiuyunClient = ReturnType<typeof createLiuyunClient>;

export { ApiError, parseErrorEnvelope } from './api-error';
export { declaredEndpoints, endpoint, type EndpointSpec } from './endpoint';
export * from './http.client';
export type * from './types/analytics.types';
export type * from './types/apps.types';
export type * from './types/builder.types';
export type * from './types/errors.types';
export type * from './types/identity.types';
export type * from './types/operations.types';
export type * from './types/permission-sets.types';
export type * from './types/incidents.types';
export type * from './types/notifications.types';
export type * from './types/records.types';
export type * from './types/record-lists.types';
export { listQueryParams, type PublicFormAnswer } from './api/record-lists.api';
export type * from './types/tasks.types';
export type * from './types/templates.types';
export type * from './types/workspace.types';
export type * from './types/admin.types';
export type * from './types/audit.types';
export type * from './types/calendar.types';
