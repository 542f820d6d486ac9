import { lazy } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AuthProvider } from './auth/AuthProvider';
import { RequireAuth } from './auth/RequireAuth';
import { PageBoundary } from './common/PageBoundary';
import { AppShell } from './layout/AppShell';
import { ThemedApp } from './layout/ThemedApp';
import { I18nProvider } from './i18n/I18nProvider';
import { pageRoutes } from './pages.routes';
import { SignInPage } from './pages/SignInPage';
import { WorkspacePage } from './pages/WorkspacePage';

// The workspace loads first and stays lean; every other page comes in its own chunk
// (pages.routes.ts). The public form page needs no sign-in and no shell.
const PublicFormPage = lazy(() => import('./pages/PublicFormPage'));

export function App() {
  return (
    <I18nProvider>
      <ThemedApp>
        <BrowserRouter>
          <AuthProvider>
            <Routes>
              <Route path="/sign-in" element={<SignInPage />} />
              <Route
                path="/p/:token"
                element={
                  <PageBoundary>
                    <PublicFormPage />
                  </PageBoundary>
                }
              />
              <Route
                element={
                  <RequireAuth>
                    <AppShell />
                  </RequireAuth>
                }
              >
                <Route index element={<WorkspacePage />} />
                {pageRoutes.map(({ path, page: Page }) => (
                  <Route
                    key={path}
                    path={path}
                    element={
                      <PageBoundary>
                        <Page />
                      </PageBoundary>
                    }
                  />
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
