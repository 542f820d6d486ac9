import { EditOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { NodeCard } from './NodeCard';

export function UpdateRecordNode({ id, data }: NodeProps<CanvasNodeOf<'update_record'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="update_record"
      icon={<EditOutlined />}
      title={text(data.node.name, id)}
      detail={Object.keys(data.node.settings.set).join(', ')}
      state={data.state}
      direction={data.direction}
    />
  );
}
