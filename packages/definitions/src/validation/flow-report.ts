import type { DefinitionError, FlowNode } from '../types';
import { pointer } from './json-pointer';

/** Collects one definition error. */
export type Report = (error: DefinitionError) => void;

/** JSON Pointer into `nodes[index]`. */
export const nodePath = (index: number, ...rest: (string | number)[]) =>
  pointer('nodes', index, ...rest);

/** JSON Pointer into `edges[index]`. */
export const edgePath = (index: number, ...rest: (string | number)[]) =>
  pointer('edges', index, ...rest);

/** How messages name a node. */
export const label = (node: FlowNode) => `${node.type} node "${node.id}"`;
