import { memo } from 'react';
import { PartitionOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

function SubprocessNodeView({ id, data }: NodeProps<CanvasNodeOf<'subprocess'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="subprocess"
      icon={<PartitionOutlined />}
      title={text(data.node.name, id)}
      detail={data.node.settings.form}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const SubprocessNode = memo(SubprocessNodeView);
