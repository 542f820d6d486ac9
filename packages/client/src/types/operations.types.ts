import type { I18nText } from '@liuyun/definitions';

/** `GET /api/ready`. */
export interface Readiness {
  ready: boolean;
  role: 'all' | 'api' | 'worker';
  checks: {
    database: 'ok' | 'failing';
    migrations: { state: 'current' | 'pending' | 'unknown'; pending: string[] };
    workers: 'running' | 'stalled' | 'stopped' | 'not_in_this_process';
    stopping: boolean;
  };
}

export interface RouteLatency {
  method: string;
  route: string;
  count: number;
  meanMs: number;
  /** Upper bound of the histogram bucket holding the 95th percentile; null above 10 s. */
  p95Ms: number | null;
  errors: number;
}

/** `GET /api/admin/metrics`: the figures of `/metrics` as JSON. */
export interface OperationsFigures {
  at: string;
  process: {
    pid: number;
    role: 'all' | 'api' | 'worker';
    workers: boolean;
    workerId: string;
    startedAt: string;
    uptimeSeconds: number;
    stopping: boolean;
    memoryRssBytes: number;
  };
  database: {
    openTasks: number;
    openIncidents: number;
    outbox: { due: number; lagSeconds: number };
    timers: { due: number; lagSeconds: number };
    jobs: { running: number; waitingRetry: number; failed: number };
    pool: { max: number; total: number; idle: number; waiting: number };
  };
  jobRetriesTotal: number;
  http: RouteLatency[];
}

/** An app export file (`GET /api/apps/{appKey}/export`), kept opaque by the designer. */
export interface AppExportFile {
  format: 'liuyun.app-export';
  formatVersion: 1;
  exportedAt: string;
  app: { key: string; name: I18nText };
  forms: { key: string; versions: { version: number }[] }[];
  records?: { id: string }[];
  files?: { id: string }[];
  [more: string]: unknown;
}

/** `POST /api/apps/import`. */
export interface ImportSummary {
  app: { id: string; key: string; name: I18nText };
  mode: 'created' | 'updated';
  forms: { key: string; action: 'created' | 'published' | 'unchanged'; version: number }[];
  automations: { key: string; action: 'created' | 'updated' }[];
  records: number;
  files: number;
}
