import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { NodeCard } from './NodeCard';

export function EndNode({ id, data }: NodeProps<CanvasNodeOf<'end'>>) {
  const { t, text } = useI18n();
  const approved = data.node.settings.outcome === 'approved';
  return (
    <NodeCard
      id={id}
      type="end"
      icon={approved ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
      title={text(data.node.name, id)}
      detail={t(approved ? 'flow.end.approved' : 'flow.end.rejected')}
      tone={approved ? 'success' : 'danger'}
      state={data.state}
      direction={data.direction}
      hasOutput={false}
    />
  );
}
