import { PlayCircleOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { NodeCard } from './NodeCard';

export function StartNode({ id, data }: NodeProps<CanvasNodeOf<'start'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="start"
      icon={<PlayCircleOutlined />}
      title={text(data.node.name, id)}
      state={data.state}
      direction={data.direction}
      hasInput={false}
    />
  );
}
