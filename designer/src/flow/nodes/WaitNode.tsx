import { memo } from 'react';
import { ClockCircleOutlined } from '@ant-design/icons';
import type { NodeProps } from '@xyflow/react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeOf } from '../canvas.types';
import type { I18nValue } from '../../i18n/i18n.context';
import { cardState, NodeCard } from './NodeCard';
import type { WaitSettings } from '@liuyun/definitions';

function waitText(s: WaitSettings, t: I18nValue['t']): string {
  if (s.untilField) return t('flow.wait.until', { field: s.untilField });
  const d = s.duration ?? {};
  const parts = [
    d.days ? `${d.days}d` : '',
    d.hours ? `${d.hours}h` : '',
    d.minutes ? `${d.minutes}m` : '',
  ];
  return t('flow.wait.duration', { amount: parts.filter(Boolean).join(' ') });
}

function WaitNodeView({ id, data }: NodeProps<CanvasNodeOf<'wait'>>) {
  const { t, text } = useI18n();
  return (
    <NodeCard
      id={id}
      type="wait"
      icon={<ClockCircleOutlined />}
      title={text(data.node.name, id)}
      detail={waitText(data.node.settings, t)}
      {...cardState(data)}
    />
  );
}

/** Memoised: a node re-renders only when its own data changes (a drag moves one node). */
export const WaitNode = memo(WaitNodeView);
