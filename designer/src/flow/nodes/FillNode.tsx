import { memo } from 'react';
import { FormOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { useDirectoryNames } from '../directory-names';
import { assigneeText, deadlineText } from './assignee-text';
import { cardState, NodeCard } from './NodeCard';

function FillNodeView({ id, data }: NodeProps<CanvasNodeOf<'fill'>>) {
  const { t, text } = useI18n();
  const names = useDirectoryNames();
  return (
    <NodeCard
      id={id}
      type="fill"
      icon={<FormOutlined />}
      title={text(data.node.name, id)}
      detail={assigneeText(data.node.settings, data.assigneeNames, t, names)}
      meta={deadlineText(data.node.settings.deadline, t)}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const FillNode = memo(FillNodeView);
