import { memo } from 'react';
import { CheckCircleOutlined, CloseCircleOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

function EndNodeView({ id, data }: NodeProps<CanvasNodeOf<'end'>>) {
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
      {...cardState(data)}
      hasOutput={false}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const EndNode = memo(EndNodeView);
