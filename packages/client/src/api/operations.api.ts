import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type {
  AppExportFile,
  ImportSummary,
  OperationsFigures,
  Readiness,
} from '../types/operations.types';

const ready = endpoint<Readiness>('GET', '/ready');
const figures = endpoint<OperationsFigures>('GET', '/admin/metrics');
/** Answered as a download: the file is handed back as a Blob (an {@link AppExportFile}). */
const exportApp = endpoint<Blob>('GET', '/apps/{appKey}/export');
const importApp = endpoint<ImportSummary>('POST', '/apps/import');

export const operationsApi = (http: Http) => ({
  ready: (signal?: AbortSignal) => ready(http, { signal, anonymous: true }),
  operationsFigures: (signal?: AbortSignal) => figures(http, { signal }),
  /** The export as the engine wrote it (a Blob, to save as a file). */
  exportApp: (appKey: string, include: { records: boolean; files: boolean }) =>
    exportApp.exchange(http, {
      path: { appKey },
      query: { records: include.records, files: include.files },
      responseType: 'blob',
    }),
  importApp: (file: AppExportFile) => importApp(http, { body: file }),
});
