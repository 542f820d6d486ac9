import { FormOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { assigneeText } from './assignee-text';
import { NodeCard } from './NodeCard';

export function FillNode({ id, data }: NodeProps<CanvasNodeOf<'fill'>>) {
  const { t, text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="fill"
      icon={<FormOutlined />}
      title={text(data.node.name, id)}
      detail={assigneeText(data.node.settings, data.assigneeNames, t)}
      state={data.state}
      direction={data.direction}
    />
  );
}
