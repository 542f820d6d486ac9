import '../../styles/admin.css';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** An admin page's title, a line saying what it is for, and its main actions. */
export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: string;
  subtitle: string;
  actions?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
      </div>
      {actions && (
        <Flex gap={8} align="center" wrap>
          {actions}
        </Flex>
      )}
    </Flex>
  );
}
