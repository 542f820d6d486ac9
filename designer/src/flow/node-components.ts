import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { CanvasNode } from './canvas.types';
import { ApprovalNode } from './nodes/ApprovalNode';
import { CcNode } from './nodes/CcNode';
import { CreateRecordNode } from './nodes/CreateRecordNode';
import { FillNode } from './nodes/FillNode';
import { NotifyNode } from './nodes/NotifyNode';
import { SubprocessNode } from './nodes/SubprocessNode';
import { WaitNode } from './nodes/WaitNode';
import { WebhookNode } from './nodes/WebhookNode';
import { EndNode } from './nodes/EndNode';
import { ExclusiveNode } from './nodes/ExclusiveNode';
import { ParallelJoinNode } from './nodes/ParallelJoinNode';
import { ParallelSplitNode } from './nodes/ParallelSplitNode';
import { StartNode } from './nodes/StartNode';
import { UpdateRecordNode } from './nodes/UpdateRecordNode';

type NodeComponents = {
  [N in CanvasNode as NonNullable<N['type']>]: ComponentType<NodeProps<N>>;
};

/**
 * The canvas's node registry, keyed by the same `type` strings as the runtime's. The mapped
 * type makes a missing or misspelt node type a compile error.
 */
export const nodeComponents: NodeComponents = {
  start: StartNode,
  approval: ApprovalNode,
  exclusive: ExclusiveNode,
  parallel_split: ParallelSplitNode,
  parallel_join: ParallelJoinNode,
  update_record: UpdateRecordNode,
  create_record: CreateRecordNode,
  fill: FillNode,
  cc: CcNode,
  notify: NotifyNode,
  webhook: WebhookNode,
  wait: WaitNode,
  subprocess: SubprocessNode,
  end: EndNode,
};
