import { ForkOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { NodeCard } from './NodeCard';

export function ParallelSplitNode({ id, data }: NodeProps<CanvasNodeOf<'parallel_split'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="parallel_split"
      icon={<ForkOutlined />}
      title={text(data.node.name, id)}
      state={data.state}
      direction={data.direction}
    />
  );
}
