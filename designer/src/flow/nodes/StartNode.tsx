import { memo } from 'react';
import { PlayCircleOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

function StartNodeView({ id, data }: NodeProps<CanvasNodeOf<'start'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="start"
      icon={<PlayCircleOutlined />}
      title={text(data.node.name, id)}
      {...cardState(data)}
      hasInput={false}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const StartNode = memo(StartNodeView);
