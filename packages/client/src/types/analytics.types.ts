import type {
  ChartDefinition,
  ChartFieldInfo,
  DashboardDefinition,
  DashboardError,
  I18nText,
} from '@liuyun/definitions';

export interface DashboardSummary {
  id: string;
  appKey: string;
  key: string;
  name: I18nText;
  description: I18nText | null;
  /** How many charts it has. */
  charts: number;
  version: number;
  updatedAt: string;
}

export interface Dashboard {
  id: string;
  appKey: string;
  key: string;
  name: I18nText;
  version: number;
  definition: DashboardDefinition;
  createdAt: string;
  updatedAt: string;
}

export type ChartUnit = 'count' | 'number' | 'money' | 'percent' | 'hours';

export interface ChartRow {
  key: string | null;
  label: I18nText;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface ChartData {
  chartId: string;
  unit: ChartUnit;
  rows: ChartRow[];
  truncated: boolean;
}

/** A chart the app's forms no longer fit. */
export interface ChartFailure {
  chartId: string;
  error: DashboardError[];
}

export interface DashboardData {
  dashboardId: string;
  version: number;
  at: string;
  charts: (ChartData | ChartFailure)[];
}

export interface ChartForm {
  key: string;
  name: I18nText;
  hasFlow: boolean;
  records: ChartFieldInfo[];
  tasks: ChartFieldInfo[];
}

export type { ChartDefinition, DashboardDefinition };
