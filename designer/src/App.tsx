import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import { PageBoundary } from './common/PageBoundary';
import { AppShell } from './layout/AppShell';
import { ThemedApp } from './layout/ThemedApp';
import { I18nProvider } from './i18n/I18nProvider';
import { SignInPage } from './pages/SignInPage';
import { WorkspacePage } from './pages/WorkspacePage';

// The workspace loads first and stays lean; the form renderer and the record page
// (with the flow canvas) come in their own chunks.
const FormFillPage = lazy(() => import('./pages/FormFillPage'));
const RecordPage = lazy(() => import('./pages/RecordPage'));
// Dashboards bring ECharts; the gallery brings the canvas: each in its own chunk.
const DashboardsPage = lazy(() => import('./pages/DashboardsPage'));
const DashboardEditorPage = lazy(() => import('./pages/DashboardEditorPage'));
const TemplateGalleryPage = lazy(() => import('./pages/TemplateGalleryPage'));
const TemplatePreviewPage = lazy(() => import('./pages/TemplatePreviewPage'));

export function App() {
  return (
    <I18nProvider>
      <ThemedApp>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AppShell />
                  </RequireAuth>
                }
              >
                <Route index element={<WorkspacePage />} />
                <Route
                  path="forms/:formId/new"
                  element={
                    <PageBoundary>
                      <FormFillPage />
                    </PageBoundary>
                  }
                />
                <Route
                  path="records/:id"
                  element={
                    <PageBoundary>
                      <RecordPage />
                    </PageBoundary>
                  }
                />
                {(
                  [
                    ['dashboards', <DashboardsPage key="d" />],
                    ['dashboards/new', <DashboardEditorPage key="n" />],
                    ['dashboards/:id', <DashboardsPage key="v" />],
                    ['dashboards/:id/edit', <DashboardEditorPage key="e" />],
                    ['admin/templates', <TemplateGalleryPage key="g" />],
                    ['admin/templates/:key', <TemplatePreviewPage key="p" />],
                  ] as const
                ).map(([path, page]) => (
                  <Route key={path} path={path} element={<PageBoundary>{page}</PageBoundary>} />
                ))}
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </ThemedApp>
    </I18nProvider>
  );
}
