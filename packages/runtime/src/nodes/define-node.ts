import { nodeSettingsSchemas, type FlowNodeOf, type NodeType } from '@liuyun/definitions';
import type { NodeHandler } from '../node.types';

/** A built-in node type, typed by its definition node and carrying its settings schema. */
export type BuiltInNode<T extends NodeType> = NodeHandler<FlowNodeOf<T>> & { readonly type: T };

/** Declares a built-in node type (its settings schema comes from @liuyun/definitions). */
export function defineNode<T extends NodeType>(
  type: T,
  handler: Omit<BuiltInNode<T>, 'type' | 'settingsSchema'>,
): BuiltInNode<T> {
  return { ...handler, type, settingsSchema: nodeSettingsSchemas[type] };
}
