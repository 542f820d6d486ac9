import { Handle, Position } from '@xyflow/react';
import type { NodeType } from '@liuyun/definitions';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/useI18n';
import type { FlowDirection, NodeRunState } from '../canvas.types';

export interface NodeCardProps {
  id: string;
  type: NodeType;
  icon: ReactNode;
  title: string;
  /** A short line under the title: who decides, what is set, which outcome. */
  detail?: string;
  state: NodeRunState;
  direction: FlowDirection;
  hasInput?: boolean;
  hasOutput?: boolean;
  /** Small round shape for gateways and the start/end markers. */
  compact?: boolean;
  tone?: 'default' | 'success' | 'danger';
}

/** The look shared by every node type: icon, name, detail line, run state and handles. */
export function NodeCard(props: NodeCardProps) {
  const { t } = useI18n();
  const { id, type, icon, title, detail, state, direction } = props;
  const vertical = direction === 'vertical';
  const stateLabel =
    state === 'active' ? t('flow.state.active') : state === 'done' ? t('flow.state.done') : null;
  const classes = [
    'flow-node',
    `flow-node--${type}`,
    `is-${state}`,
    props.compact ? 'is-compact' : '',
    props.tone && props.tone !== 'default' ? `tone-${props.tone}` : '',
  ];

  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={`flow-node-${id}`}
      data-state={state}
      aria-label={stateLabel ? `${title} (${stateLabel})` : title}
      title={`${t(`flow.node.${type}`)} · ${title}${detail ? ` · ${detail}` : ''}`}
    >
      {props.hasInput !== false && (
        <Handle
          type="target"
          position={vertical ? Position.Top : Position.Left}
          isConnectable={false}
        />
      )}
      <span className="flow-node-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="flow-node-body">
        <span className="flow-node-title">{title}</span>
        {detail && <span className="flow-node-detail">{detail}</span>}
      </span>
      {props.hasOutput !== false && (
        <Handle
          type="source"
          position={vertical ? Position.Bottom : Position.Right}
          isConnectable={false}
        />
      )}
    </div>
  );
}
