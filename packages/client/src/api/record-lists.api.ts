import type { FormDefinition, I18nText, JsonObject } from '@liuyun/definitions';
import { endpoint } from '../endpoint';
import type { Http, QueryValue } from '../http.client';
import type {
  FieldDuplicates,
  ImportStatus,
  PublicLink,
  RecordGroups,
  RecordListQuery,
  RecordPage,
  SavedView,
  ViewConfig,
  ViewType,
} from '../types/record-lists.types';

const listRecords = endpoint<RecordPage>('GET', '/forms/{formId}/records');
const recordGroups = endpoint<RecordGroups>('GET', '/forms/{formId}/records/groups');
const listViews = endpoint<SavedView[]>('GET', '/forms/{formId}/views');
const createView = endpoint<SavedView>('POST', '/forms/{formId}/views');
const replaceView = endpoint<SavedView>('PUT', '/views/{id}');
const deleteView = endpoint<null>('DELETE', '/views/{id}');
const duplicates = endpoint<{ duplicates: FieldDuplicates[] }>(
  'POST',
  '/forms/{formId}/duplicates',
);
const exportRecords = endpoint<Blob>('GET', '/forms/{formId}/export');
const startImport = endpoint<ImportStatus>('POST', '/forms/{formId}/imports');
const importStatus = endpoint<ImportStatus>('GET', '/imports/{id}');
const publicLink = endpoint<{ link: PublicLink | null }>('GET', '/forms/{formId}/public-link');
const setPublicLink = endpoint<{ link: PublicLink }>('PUT', '/forms/{formId}/public-link');
const publicForm = endpoint<PublicFormAnswer>('GET', '/public/forms/{token}');
const publicSubmit = endpoint<{ ok: true; submittedAt: string }>(
  'POST',
  '/public/forms/{token}/records',
);

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface PublicFormAnswer {
  name: I18nText;
  definition: FormDefinition;
  ticket: string;
  honeypot: string;
}

/** The list query as query-string values (filters as JSON, columns comma-separated). */
export function listQueryParams(q: RecordListQuery): Record<string, QueryValue> {
  const out: Record<string, QueryValue> = {};
  const hasFilter = Array.isArray(q.filter) ? q.filter.length > 0 : q.filter !== undefined;
  if (hasFilter) out.filter = JSON.stringify(q.filter);
  if (q.sort) out.sort = q.sort;
  if (q.search) out.search = q.search;
  if (q.columns && q.columns.length > 0) out.columns = q.columns.join(',');
  if (q.tz) out.tz = q.tz;
  return out;
}

export const recordListsApi = (http: Http) => ({
  listRecords: (
    formId: string,
    q: RecordListQuery,
    page: { limit?: number; cursor?: string | null } = {},
    signal?: AbortSignal,
  ) =>
    listRecords(http, {
      path: { formId },
      query: { ...listQueryParams(q), limit: page.limit, cursor: page.cursor ?? undefined },
      signal,
    }),
  recordGroups: (formId: string, field: string, q: RecordListQuery, signal?: AbortSignal) =>
    recordGroups(http, { path: { formId }, query: { ...listQueryParams(q), field }, signal }),
  views: (formId: string, signal?: AbortSignal) => listViews(http, { path: { formId }, signal }),
  createView: (formId: string, view: { name: string; type: ViewType; config: ViewConfig }) =>
    createView(http, { path: { formId }, body: view }),
  replaceView: (id: string, view: { name: string; type: ViewType; config: ViewConfig }) =>
    replaceView(http, { path: { id }, body: view }),
  deleteView: (id: string) => deleteView(http, { path: { id } }),
  duplicates: (formId: string, data: JsonObject, recordId?: string, signal?: AbortSignal) =>
    duplicates(http, { path: { formId }, body: recordId ? { data, recordId } : { data }, signal }),
  exportRecords: (formId: string, q: RecordListQuery, format: 'csv' | 'xlsx', lang: 'zh' | 'en') =>
    exportRecords(http, {
      path: { formId },
      query: { ...listQueryParams(q), format, lang },
      responseType: 'blob',
    }),
  startImport: (formId: string, file: File, format: 'csv' | 'xlsx') =>
    startImport(http, {
      path: { formId },
      query: { format, fileName: file.name.slice(0, 200) },
      // Browsers label CSV files differently: send the type the engine reads.
      body: new Blob([file], { type: format === 'csv' ? 'text/csv' : XLSX_TYPE }),
    }),
  importStatus: (id: string, signal?: AbortSignal) => importStatus(http, { path: { id }, signal }),
  publicLink: (formId: string, signal?: AbortSignal) =>
    publicLink(http, { path: { formId }, signal }),
  setPublicLink: (formId: string, enabled: boolean, regenerate = false) =>
    setPublicLink(http, { path: { formId }, body: { enabled, regenerate } }),
  publicForm: (token: string, signal?: AbortSignal) =>
    publicForm(http, { path: { token }, anonymous: true, signal }),
  publicSubmit: (token: string, data: JsonObject, ticket: string, website: string) =>
    publicSubmit(http, {
      path: { token },
      anonymous: true,
      body: website === '' ? { data, ticket } : { data, ticket, website },
    }),
});
