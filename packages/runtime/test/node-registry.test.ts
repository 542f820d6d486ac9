import { NODE_TYPES as DEFINITION_NODE_TYPES, nodeSettingsSchemas } from '@liuyun/definitions';
import { builtInNodes, NODE_TYPES, nodeRegistry, NodeRegistry } from '../src';
import { echoNode } from './helpers/fake-world';

describe('node registry', () => {
  it('knows exactly the node types of @liuyun/definitions', () => {
    expect([...NODE_TYPES].sort()).toEqual([...DEFINITION_NODE_TYPES].sort());
  });

  it.each(builtInNodes.map((node) => [node.type, node] as const))(
    '%s carries its settings schema',
    (type, node) => {
      expect(node.settingsSchema).toBe(nodeSettingsSchemas[type]);
      expect(nodeRegistry.get(type)).toBe(node);
    },
  );

  it('adds stub types without touching the built-in registry', () => {
    const extended = nodeRegistry.with(echoNode);
    expect(extended.get('echo')).toBe(echoNode);
    expect(nodeRegistry.get('echo')).toBeUndefined();
  });

  it('refuses one type registered twice', () => {
    expect(() => new NodeRegistry([echoNode, echoNode])).toThrow('registered twice');
  });
});
