import type { NodeSettingsByType, NodeType } from '@liuyun/definitions';

/** Palette groups, in the order the palette shows them. */
export type NodeCategory = 'people' | 'branch' | 'data' | 'system';

export const NODE_CATEGORIES: readonly NodeCategory[] = ['people', 'branch', 'data', 'system'];

export interface NodeCatalogEntry<T extends NodeType> {
  category: NodeCategory;
  /** Settings a node dropped from the palette starts with (publishing asks for the rest). */
  defaults: () => NodeSettingsByType[T];
  /** Shown in the palette; `start` is placed once, with the flow. */
  inPalette: boolean;
}

type NodeCatalog = { [T in NodeType]: NodeCatalogEntry<T> };

/**
 * The designer's node registry: every node type of the runtime, keyed by the same `type`
 * string (a test compares the keys with the runtime's registry), with its palette group
 * and the settings a fresh node starts with.
 */
export const nodeCatalog: NodeCatalog = {
  start: { category: 'system', inPalette: false, defaults: () => ({ trigger: 'form_submit' }) },
  approval: {
    category: 'people',
    inPalette: true,
    defaults: () => ({ assignees: [], mode: 'any' }),
  },
  fill: { category: 'people', inPalette: true, defaults: () => ({ assignees: [], mode: 'any' }) },
  cc: { category: 'people', inPalette: true, defaults: () => ({ recipients: [] }) },
  exclusive: { category: 'branch', inPalette: true, defaults: () => ({}) },
  parallel_split: { category: 'branch', inPalette: true, defaults: () => ({}) },
  parallel_join: { category: 'branch', inPalette: true, defaults: () => ({}) },
  update_record: { category: 'data', inPalette: true, defaults: () => ({ set: {} }) },
  create_record: {
    category: 'data',
    inPalette: true,
    defaults: () => ({ form: '', mode: 'create', set: {} }),
  },
  notify: {
    category: 'system',
    inPalette: true,
    defaults: () => ({ recipients: [], message: { zh: '', en: '' } }),
  },
  webhook: {
    category: 'system',
    inPalette: true,
    defaults: () => ({ url: 'https://', method: 'POST' }),
  },
  wait: { category: 'system', inPalette: true, defaults: () => ({ duration: { hours: 1 } }) },
  subprocess: {
    category: 'data',
    inPalette: true,
    defaults: () => ({ form: '', data: {}, waitForOutcome: false }),
  },
  end: { category: 'system', inPalette: true, defaults: () => ({ outcome: 'approved' }) },
};

/** The catalogue's type keys, in definition order. */
export const designerNodeTypes = (): NodeType[] => Object.keys(nodeCatalog) as NodeType[];
