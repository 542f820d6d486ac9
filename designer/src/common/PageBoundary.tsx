import { Suspense, type ReactNode } from 'react';
import { useLocation } from 'react-router-dom';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorState } from './ErrorState';
import { PageLoading } from './PageLoading';

/** A lazily loaded page with its own loading state and error boundary (reset on navigation). */
export function PageBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return (
    <ErrorBoundary
      key={location.pathname}
      fallback={(error, reset) => <ErrorState error={error} onRetry={reset} />}
    >
      <Suspense fallback={<PageLoading />}>{children}</Suspense>
    </ErrorBoundary>
  );
}
