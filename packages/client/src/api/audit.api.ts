import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type { AuditFilter, AuditPage } from '../types/audit.types';

const auditLog = endpoint<AuditPage>('GET', '/audit');

/** The audit log (administrators), newest first. */
export const auditApi = (http: Http) => ({
  auditLog: (filter: AuditFilter = {}, signal?: AbortSignal) =>
    auditLog(http, { query: { ...filter }, signal }),
});
