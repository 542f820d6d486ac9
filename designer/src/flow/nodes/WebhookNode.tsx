import { memo } from 'react';
import { ApiOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { cardState, NodeCard } from './NodeCard';

/** Only the host: the path may carry tokens. */
function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

function WebhookNodeView({ id, data }: NodeProps<CanvasNodeOf<'webhook'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="webhook"
      icon={<ApiOutlined />}
      title={text(data.node.name, id)}
      detail={webhookHost(data.node.settings.url)}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const WebhookNode = memo(WebhookNodeView);
