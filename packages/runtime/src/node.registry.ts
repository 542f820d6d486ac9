import type { NodeHandler, RuntimeNode } from './node.types';
import { approvalNode } from './nodes/approval.node';
import { ccNode } from './nodes/cc.node';
import { createRecordNode } from './nodes/create-record.node';
import { endNode } from './nodes/end.node';
import { exclusiveNode } from './nodes/exclusive.node';
import { fillNode } from './nodes/fill.node';
import { notifyNode } from './nodes/notify.node';
import { parallelJoinNode } from './nodes/parallel-join.node';
import { parallelSplitNode } from './nodes/parallel-split.node';
import { startNode } from './nodes/start.node';
import { subprocessNode } from './nodes/subprocess.node';
import { updateRecordNode } from './nodes/update-record.node';
import { waitNode } from './nodes/wait.node';
import { webhookNode } from './nodes/webhook.node';

/** Node types by their `type` string: the one place the lifecycle looks handlers up. */
export class NodeRegistry {
  private readonly handlers = new Map<string, NodeHandler<RuntimeNode>>();

  constructor(handlers: readonly NodeHandler<RuntimeNode>[]) {
    for (const handler of handlers) {
      if (this.handlers.has(handler.type))
        throw new Error(`node type "${handler.type}" registered twice`);
      this.handlers.set(handler.type, handler);
    }
  }

  get(type: string): NodeHandler<RuntimeNode> | undefined {
    return this.handlers.get(type);
  }

  /** The registered type strings, in registration order. */
  types(): string[] {
    return [...this.handlers.keys()];
  }

  /** A new registry with these handlers added (tests register stub node types this way). */
  with(...handlers: readonly NodeHandler<RuntimeNode>[]): NodeRegistry {
    return new NodeRegistry([...this.handlers.values(), ...handlers]);
  }
}

/** Every built-in node type, one file each under `nodes/`. */
export const builtInNodes = [
  startNode,
  approvalNode,
  fillNode,
  ccNode,
  exclusiveNode,
  parallelSplitNode,
  parallelJoinNode,
  updateRecordNode,
  createRecordNode,
  notifyNode,
  webhookNode,
  waitNode,
  subprocessNode,
  endNode,
] as const;

/** The registry `step` uses. */
export const nodeRegistry = new NodeRegistry(builtInNodes);

/** The node types the runtime knows; must equal `NODE_TYPES` of @liuyun/definitions. */
export const NODE_TYPES: readonly string[] = Object.freeze(nodeRegistry.types());
