import { Handle, Position } from '@xyflow/react';
import type { NodeType } from '@liuyun/definitions';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasNodeData, FlowDirection, NodeDecorations, NodeRunState } from '../canvas.types';

/** The parts of a node's data every card shows alike (run state, direction, builder marks). */
export function cardState<T extends NodeType>(data: CanvasNodeData<T>) {
  return {
    state: data.state,
    direction: data.direction,
    editable: data.editable,
    errors: data.errors,
    diff: data.diff,
  };
}

export interface NodeCardProps extends NodeDecorations {
  id: string;
  type: NodeType;
  icon: ReactNode;
  title: string;
  /** A short line under the title: who decides, what is set, which outcome. */
  detail?: string;
  /** A second line: the deadline of a task node. */
  meta?: string;
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
  const errors = props.errors ?? [];
  const classes = [
    'flow-node',
    `flow-node--${type}`,
    `is-${state}`,
    props.compact ? 'is-compact' : '',
    props.tone && props.tone !== 'default' ? `tone-${props.tone}` : '',
    errors.length > 0 ? 'has-errors' : '',
    props.diff ? `diff-${props.diff}` : '',
  ];
  const connectable = props.editable === true;
  const summary = [title, detail, props.meta].filter(Boolean).join(' · ');

  return (
    <div
      className={classes.filter(Boolean).join(' ')}
      data-testid={`flow-node-${id}`}
      data-state={state}
      data-errors={errors.length > 0 ? errors.length : undefined}
      data-diff={props.diff}
      aria-label={stateLabel ? `${summary} (${stateLabel})` : summary}
      title={[t(`flow.node.${type}`), summary, ...errors].join(' · ')}
    >
      {props.hasInput !== false && (
        <Handle
          type="target"
          position={vertical ? Position.Top : Position.Left}
          isConnectable={connectable}
        />
      )}
      <span className="flow-node-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="flow-node-body">
        <span className="flow-node-title">{title}</span>
        {detail && <span className="flow-node-detail">{detail}</span>}
        {props.meta && <span className="flow-node-meta">{props.meta}</span>}
      </span>
      {errors.length > 0 && (
        <span className="flow-node-error-badge" data-testid={`flow-node-errors-${id}`}>
          {errors.length}
        </span>
      )}
      {props.hasOutput !== false && (
        <Handle
          type="source"
          position={vertical ? Position.Bottom : Position.Right}
          isConnectable={connectable}
        />
      )}
    </div>
  );
}
