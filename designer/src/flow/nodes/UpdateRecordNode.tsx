import { memo } from 'react';
import { EditOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

function UpdateRecordNodeView({ id, data }: NodeProps<CanvasNodeOf<'update_record'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="update_record"
      icon={<EditOutlined />}
      title={text(data.node.name, id)}
      detail={Object.keys(data.node.settings.set).join(', ')}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const UpdateRecordNode = memo(UpdateRecordNodeView);
