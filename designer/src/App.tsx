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
// The builder (form and flow designers) is its own chunk too.
const BuilderAppsPage = lazy(() => import('./pages/BuilderAppsPage'));
const FormBuilderPage = lazy(() => import('./pages/FormBuilderPage'));
const AutomationsPage = lazy(() => import('./pages/AutomationsPage'));

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
                <Route
                  path="build"
                  element={
                    <PageBoundary>
                      <BuilderAppsPage />
                    </PageBoundary>
                  }
                />
                <Route
                  path="build/forms/:formId"
                  element={
                    <PageBoundary>
                      <FormBuilderPage />
                    </PageBoundary>
                  }
                />
                <Route
                  path="build/apps/:appKey/automations"
                  element={
                    <PageBoundary>
                      <AutomationsPage />
                    </PageBoundary>
                  }
                />
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </AuthProvider>
        </BrowserRouter>
      </ThemedApp>
    </I18nProvider>
  );
}
