import { memo } from 'react';
import { ForkOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

function ParallelSplitNodeView({ id, data }: NodeProps<CanvasNodeOf<'parallel_split'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="parallel_split"
      icon={<ForkOutlined />}
      title={text(data.node.name, id)}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const ParallelSplitNode = memo(ParallelSplitNodeView);
