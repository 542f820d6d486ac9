import type { ReactNode } from 'react';

/** An admin screen's root: a page-wide column (the placeholder grey is the app theme's). */
export function AdminPage({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <div className="page-wide admin-page" data-testid={testId}>
      {children}
    </div>
  );
}
