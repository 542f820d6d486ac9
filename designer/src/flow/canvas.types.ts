import type { FlowEdge, FlowNode, NodeType } from '@liuyun/definitions';
import type { Edge, Node } from '@xyflow/react';

/** Where the instance stands at a node: waiting there, passed through, or not reached. */
export type NodeRunState = 'active' | 'done' | 'idle';

/** Which way the flow reads; decides which sides the handles sit on. */
export type FlowDirection = 'vertical' | 'horizontal';

/**
 * The data every canvas node carries: the definition node itself (plain JSON, as stored)
 * plus what the record page knows about this run.
 */
export type CanvasNodeData<T extends NodeType> = {
  node: Extract<FlowNode, { type: T }>;
  state: NodeRunState;
  direction: FlowDirection;
  /** People holding (or who held) tasks at this node, by display name. */
  assigneeNames: string[];
} & NodeDecorations;

/** What the builder lays over a node: handles to connect, publish errors, a version diff. */
export type NodeDecorations = {
  /** Connectable handles (the flow designer). */
  editable?: boolean;
  /** Publish errors at this node, as sentences. */
  errors?: string[];
  /** How this node differs between two versions. */
  diff?: 'added' | 'removed' | 'changed';
};

/** A canvas node keyed by the same `type` string as the runtime's node registry. */
export type CanvasNodeOf<T extends NodeType> = Node<CanvasNodeData<T>, T>;

export type CanvasNode = { [T in NodeType]: CanvasNodeOf<T> }[NodeType];

export type CanvasEdgeData = {
  /** The definition edge, as stored. */
  edge: FlowEdge;
  traversed: boolean;
};

export type CanvasEdge = Edge<CanvasEdgeData>;
