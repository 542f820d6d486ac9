import { memo } from 'react';
import { DatabaseOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

function CreateRecordNodeView({ id, data }: NodeProps<CanvasNodeOf<'create_record'>>) {
  const { t, text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="create_record"
      icon={<DatabaseOutlined />}
      title={text(data.node.name, id)}
      detail={`${t(`flow.node.create_record`)} → ${data.node.settings.form}`}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const CreateRecordNode = memo(CreateRecordNodeView);
