import { memo } from 'react';
import { BellOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { useDirectoryNames } from '../directory-names';
import { assigneeText } from './assignee-text';
import { cardState, NodeCard } from './NodeCard';

function NotifyNodeView({ id, data }: NodeProps<CanvasNodeOf<'notify'>>) {
  const { t, text } = useI18n();
  const names = useDirectoryNames();
  return (
    <NodeCard
      id={id}
      type="notify"
      icon={<BellOutlined />}
      title={text(data.node.name, id)}
      detail={assigneeText({ assignees: data.node.settings.recipients }, [], t, names)}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const NotifyNode = memo(NotifyNodeView);
