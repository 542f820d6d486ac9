import { BranchesOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { NodeCard } from './NodeCard';

export function ExclusiveNode({ id, data }: NodeProps<CanvasNodeOf<'exclusive'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="exclusive"
      icon={<BranchesOutlined />}
      title={text(data.node.name, id)}
      state={data.state}
      direction={data.direction}
    />
  );
}
