import { memo } from 'react';
import { AuditOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { useDirectoryNames } from '../directory-names';
import { assigneeText, deadlineText } from './assignee-text';
import { cardState, NodeCard } from './NodeCard';

function ApprovalNodeView({ id, data }: NodeProps<CanvasNodeOf<'approval'>>) {
  const { t, text } = useI18n();
  const names = useDirectoryNames();
  return (
    <NodeCard
      id={id}
      type="approval"
      icon={<AuditOutlined />}
      title={text(data.node.name, id)}
      detail={assigneeText(data.node.settings, data.assigneeNames, t, names)}
      meta={deadlineText(data.node.settings.deadline, t)}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const ApprovalNode = memo(ApprovalNodeView);
