import { PartitionOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { NodeCard } from './NodeCard';

export function SubprocessNode({ id, data }: NodeProps<CanvasNodeOf<'subprocess'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="subprocess"
      icon={<PartitionOutlined />}
      title={text(data.node.name, id)}
      detail={data.node.settings.form}
      state={data.state}
      direction={data.direction}
    />
  );
}
