import type { ChartDefinition, DashboardDefinition } from '@liuyun/definitions';
import { endpoint } from '../endpoint';
import type { Http } from '../http.client';
import type {
  ChartData,
  ChartForm,
  Dashboard,
  DashboardData,
  DashboardSummary,
} from '../types/analytics.types';

const dashboards = endpoint<DashboardSummary[]>('GET', '/apps/{appKey}/dashboards');
const createDashboard = endpoint<Dashboard>('POST', '/apps/{appKey}/dashboards');
const chartForms = endpoint<ChartForm[]>('GET', '/apps/{appKey}/chart-forms');
const previewChart = endpoint<ChartData>('POST', '/apps/{appKey}/chart-preview');
const dashboard = endpoint<Dashboard>('GET', '/dashboards/{id}');
const dashboardData = endpoint<DashboardData>('GET', '/dashboards/{id}/data');
const saveDashboard = endpoint<Dashboard>('PUT', '/dashboards/{id}');
const deleteDashboard = endpoint<null>('DELETE', '/dashboards/{id}');

export const analyticsApi = (http: Http) => ({
  dashboards: (appKey: string, signal?: AbortSignal) =>
    dashboards(http, { path: { appKey }, signal }),
  createDashboard: (appKey: string, definition: DashboardDefinition) =>
    createDashboard(http, { path: { appKey }, body: definition }),
  chartForms: (appKey: string, signal?: AbortSignal) =>
    chartForms(http, { path: { appKey }, signal }),
  previewChart: (appKey: string, chart: ChartDefinition, timeZone?: string, signal?: AbortSignal) =>
    previewChart(http, {
      path: { appKey },
      body: timeZone === undefined ? { chart } : { chart, timeZone },
      signal,
    }),
  dashboard: (id: string, signal?: AbortSignal) => dashboard(http, { path: { id }, signal }),
  dashboardData: (id: string, signal?: AbortSignal) =>
    dashboardData(http, { path: { id }, signal }),
  saveDashboard: (id: string, version: number, definition: DashboardDefinition) =>
    saveDashboard(http, { path: { id }, body: { version, definition } }),
  deleteDashboard: (id: string) => deleteDashboard(http, { path: { id } }),
});
