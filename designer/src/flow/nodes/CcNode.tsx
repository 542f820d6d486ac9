import { CopyOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { assigneeText } from './assignee-text';
import { NodeCard } from './NodeCard';

export function CcNode({ id, data }: NodeProps<CanvasNodeOf<'cc'>>) {
  const { t, text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="cc"
      icon={<CopyOutlined />}
      title={text(data.node.name, id)}
      detail={assigneeText({ assignees: data.node.settings.recipients }, [], t)}
      state={data.state}
      direction={data.direction}
    />
  );
}
