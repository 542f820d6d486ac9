import { NODE_TYPES as DEFINITION_NODE_TYPES, nodeSettingsSchemas } from '@liuyun/definitions';
import { nodeRegistry } from '@liuyun/runtime';
import { designerNodeTypes, nodeCatalog } from '../src/builder/flow-editor/node-catalog';
import { nodeComponents } from '../src/flow/node-components';

const sorted = (keys: readonly string[]) => [...keys].sort();

// DESIGN.md habit 3: the designer and the runtime key their node registries by the same
// `type` strings; a node type added on one side only fails here.
describe('node registries', () => {
  it('the designer palette, the canvas components and the runtime know the same node types', () => {
    const runtime = sorted(nodeRegistry.types());
    expect(runtime.length).toBeGreaterThan(10);
    expect(sorted(designerNodeTypes())).toEqual(runtime);
    expect(sorted(Object.keys(nodeComponents))).toEqual(runtime);
    expect(sorted(DEFINITION_NODE_TYPES)).toEqual(runtime);
    expect(sorted(Object.keys(nodeSettingsSchemas))).toEqual(runtime);
  });

  it('every node type but start can be dropped from the palette', () => {
    const inPalette = designerNodeTypes().filter((t) => nodeCatalog[t].inPalette);
    expect(sorted(inPalette)).toEqual(sorted(nodeRegistry.types().filter((t) => t !== 'start')));
  });
});
