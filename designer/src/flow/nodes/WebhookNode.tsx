import { ApiOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import { NodeCard } from './NodeCard';

/** Only the host: the path may carry tokens. */
function webhookHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function WebhookNode({ id, data }: NodeProps<CanvasNodeOf<'webhook'>>) {
  const { text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="webhook"
      icon={<ApiOutlined />}
      title={text(data.node.name, id)}
      detail={webhookHost(data.node.settings.url)}
      state={data.state}
      direction={data.direction}
    />
  );
}
