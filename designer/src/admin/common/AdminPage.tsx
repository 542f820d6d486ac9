import { ConfigProvider } from 'antd';
import type { ReactNode } from 'react';

// antd's placeholder grey is under WCAG AA (4.5:1) on white; the admin screens, their
// dialogs and drawers (portals keep the context) use the secondary text grey instead.
const theme = { token: { colorTextPlaceholder: '#5c6573' } };

/** An admin screen's root: a page-wide column with the admin theme tweaks. */
export function AdminPage({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <ConfigProvider theme={theme}>
      <div className="page-wide admin-page" data-testid={testId}>
        {children}
      </div>
    </ConfigProvider>
  );
}
