import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/** A signed-in page: its path below `/` and its component, loaded in a chunk of its own. */
export interface PageRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
}

/**
 * Every signed-in page but home (App.tsx renders each inside the shell and an error
 * boundary). One line per page, so branches that add pages merge cleanly (union merge).
 */
export const pageRoutes: PageRoute[] = [
  { path: 'forms/:formId/new', page: lazy(() => import('./pages/FormFillPage')) },
  { path: 'records/:id', page: lazy(() => import('./pages/RecordPage')) },
  { path: 'forms/:formId/records', page: lazy(() => import('./pages/RecordListPage')) },
  { path: 'admin/operations', page: lazy(() => import('./operations/OperationsPage')) },
  { path: 'admin/incidents', page: lazy(() => import('./admin/IncidentsPage')) },
  { path: 'dashboards', page: lazy(() => import('./pages/DashboardsPage')) },
  { path: 'dashboards/new', page: lazy(() => import('./pages/DashboardEditorPage')) },
  { path: 'dashboards/:id', page: lazy(() => import('./pages/DashboardsPage')) },
  { path: 'dashboards/:id/edit', page: lazy(() => import('./pages/DashboardEditorPage')) },
  { path: 'admin/templates', page: lazy(() => import('./pages/TemplateGalleryPage')) },
  { path: 'admin/templates/:key', page: lazy(() => import('./pages/TemplatePreviewPage')) },
  { path: 'build', page: lazy(() => import('./pages/BuilderAppsPage')) },
  { path: 'build/forms/:formId', page: lazy(() => import('./pages/FormBuilderPage')) },
  { path: 'build/apps/:appKey/automations', page: lazy(() => import('./pages/AutomationsPage')) },
  { path: 'admin/permissions', page: lazy(() => import('./admin/PermissionSetsPage')) },
  { path: 'admin/users', page: lazy(() => import('./admin/users/UsersPage')) },
  { path: 'admin/departments', page: lazy(() => import('./admin/org/DepartmentsPage')) },
  { path: 'admin/roles', page: lazy(() => import('./admin/org/RolesPage')) },
  { path: 'admin/calendar', page: lazy(() => import('./admin/calendar/CalendarPage')) },
  { path: 'admin/audit', page: lazy(() => import('./admin/audit/AuditPage')) },
  { path: 'build/apps/:appKey/upgrade', page: lazy(() => import('./pages/TemplateUpgradePage')) },
];
