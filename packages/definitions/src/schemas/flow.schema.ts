import { NODE_TYPES } from '../node-types';
import type { NodeType } from '../types';
import { i18nTextSchema, idSchema, LIMITS, ruleSchema } from './common.schema';
import { nodeSettingsSchemas } from './node-settings.schema';

const positionSchema = {
  type: 'object',
  required: ['x', 'y'],
  additionalProperties: false,
  properties: { x: { type: 'number' }, y: { type: 'number' } },
} as const;

function nodeSchemaOf<T extends NodeType>(type: T) {
  return {
    type: 'object',
    required: ['id', 'type', 'name', 'settings'],
    additionalProperties: false,
    properties: {
      id: idSchema,
      type: { const: type },
      name: i18nTextSchema,
      settings: nodeSettingsSchemas[type],
      position: positionSchema,
    },
  } as const;
}

/** A flow node: a discriminated union on `type`, each with its own `settings` schema. */
export const flowNodeSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: { type: 'string' } },
  discriminator: { propertyName: 'type' },
  oneOf: NODE_TYPES.map((type) => nodeSchemaOf(type)),
} as const;

export const flowEdgeSchema = {
  type: 'object',
  required: ['id', 'source', 'target'],
  additionalProperties: false,
  properties: {
    id: idSchema,
    source: idSchema,
    target: idSchema,
    label: i18nTextSchema,
    condition: ruleSchema,
    priority: { type: 'integer', minimum: -1_000_000, maximum: 1_000_000 },
    isDefault: { type: 'boolean' },
    outcome: { enum: ['approve', 'reject'] },
  },
} as const;

/** JSON Schema (2020-12) of a `FlowDefinition`. */
export const flowDefinitionSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['key', 'name', 'nodes', 'edges'],
  additionalProperties: false,
  properties: {
    key: idSchema,
    name: i18nTextSchema,
    nodes: { type: 'array', maxItems: LIMITS.flowNodes, items: flowNodeSchema },
    edges: { type: 'array', maxItems: LIMITS.flowEdges, items: flowEdgeSchema },
    withdrawPolicy: { enum: ['never', 'until_acted', 'always'] },
  },
} as const;
