import type { DefinitionError, FlowDefinition, FormDefinition } from '../types';
import { validateDocumentSchema } from './document.validators';
import { checkFlowFields } from './flow-fields.check';
import { indexFlow } from './flow-graph';
import { edgePath, nodePath, type Report } from './flow-report';
import { checkRoutes } from './flow-routes.check';
import { checkNodeSettings } from './flow-settings.check';
import { checkStructure } from './flow-structure.check';

function checkIds(flow: FlowDefinition, report: Report): void {
  const nodeIds = new Set<string>();
  flow.nodes.forEach((node, index) => {
    if (nodeIds.has(node.id)) {
      report({
        code: 'duplicate_id',
        path: nodePath(index, 'id'),
        nodeId: node.id,
        message: `two nodes have the id "${node.id}"`,
      });
    }
    nodeIds.add(node.id);
  });
  const edgeIds = new Set<string>();
  flow.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id)) {
      report({
        code: 'duplicate_id',
        path: edgePath(index, 'id'),
        edgeId: edge.id,
        message: `two edges have the id "${edge.id}"`,
      });
    }
    edgeIds.add(edge.id);
    for (const end of ['source', 'target'] as const) {
      if (!nodeIds.has(edge[end])) {
        report({
          code: 'edge_unknown_node',
          path: edgePath(index, end),
          edgeId: edge.id,
          message: `edge "${edge.id}" has ${end} "${edge[end]}", which is not a node`,
        });
      }
    }
  });
}

/**
 * Validates a flow definition: its JSON Schema first (`schema_invalid` /
 * `unknown_node_type`), then ids, edges, node settings (assignees, option pairs), the
 * graph (start, reachability, dead ends, branches, joins, loops without a wait), and every
 * rule and field reference against the form's fields when the form is given. Never
 * throws; an empty list means it can be published.
 */
export function validateFlow(flow: unknown, form?: FormDefinition): DefinitionError[] {
  try {
    const schemaErrors = validateDocumentSchema('flow', flow);
    if (schemaErrors.length > 0) return schemaErrors;
    const valid = flow as FlowDefinition;
    const errors: DefinitionError[] = [];
    const report: Report = (error) => errors.push(error);
    checkIds(valid, report);
    valid.nodes.forEach((node, index) => checkNodeSettings(node, index, report));
    const graph = indexFlow(valid);
    checkRoutes(graph, report);
    checkStructure(graph, report);
    checkFlowFields(valid, graph, form, report);
    return errors;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return [
      { code: 'schema_invalid', path: '', message: `the flow could not be validated: ${detail}` },
    ];
  }
}
