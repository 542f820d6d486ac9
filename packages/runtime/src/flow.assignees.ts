import type { AssigneeSpec, FlowDefinition } from '@liuyun/definitions';
import type { DirectoryAssigneeSpec } from './types';

/**
 * Every assignee spec the Directory may be asked to resolve for a flow: approval and
 * fill-in assignees, deadline escalations, CC and notify recipients (member-field specs
 * are left out: the runtime reads them from the record). The host snapshots these.
 */
export function assigneeSpecsOf(flow: FlowDefinition): DirectoryAssigneeSpec[] {
  const specs: AssigneeSpec[] = [];
  for (const node of flow.nodes) {
    switch (node.type) {
      case 'approval':
      case 'fill':
        specs.push(...node.settings.assignees);
        if (node.settings.deadline?.escalateTo) specs.push(node.settings.deadline.escalateTo);
        break;
      case 'cc':
      case 'notify':
        specs.push(...node.settings.recipients);
        break;
      default:
        break;
    }
  }
  return specs.filter((spec): spec is DirectoryAssigneeSpec => spec.kind !== 'field');
}
