import { BellOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { assigneeText } from './assignee-text';
import { NodeCard } from './NodeCard';

export function NotifyNode({ id, data }: NodeProps<CanvasNodeOf<'notify'>>) {
  const { t, text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="notify"
      icon={<BellOutlined />}
      title={text(data.node.name, id)}
      detail={assigneeText({ assignees: data.node.settings.recipients }, [], t)}
      state={data.state}
      direction={data.direction}
    />
  );
}
