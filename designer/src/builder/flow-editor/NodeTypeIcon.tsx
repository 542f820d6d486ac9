import {
  ApiOutlined,
  AuditOutlined,
  BellOutlined,
  BranchesOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CopyOutlined,
  DatabaseOutlined,
  EditOutlined,
  ForkOutlined,
  FormOutlined,
  MergeCellsOutlined,
  PartitionOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import type { NodeType } from '@liuyun/definitions';
import type { ReactNode } from 'react';

/** The icon each node type shows on the canvas, for the palette and panels. */
const ICONS: Record<NodeType, ReactNode> = {
  start: <PlayCircleOutlined />,
  approval: <AuditOutlined />,
  fill: <FormOutlined />,
  cc: <CopyOutlined />,
  exclusive: <BranchesOutlined />,
  parallel_split: <ForkOutlined />,
  parallel_join: <MergeCellsOutlined />,
  update_record: <EditOutlined />,
  create_record: <DatabaseOutlined />,
  notify: <BellOutlined />,
  webhook: <ApiOutlined />,
  wait: <ClockCircleOutlined />,
  subprocess: <PartitionOutlined />,
  end: <CheckCircleOutlined />,
};

export function NodeTypeIcon({ type }: { type: NodeType }) {
  return <>{ICONS[type]}</>;
}
