import { memo } from 'react';
import { BranchesOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

function ExclusiveNodeView({ id, data }: NodeProps<CanvasNodeOf<'exclusive'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="exclusive"
      icon={<BranchesOutlined />}
      title={text(data.node.name, id)}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const ExclusiveNode = memo(ExclusiveNodeView);
