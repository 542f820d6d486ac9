import type { DefinitionError, FlowNode } from '../types';
import { label, nodePath, type Report } from './flow-report';

/** Settings rules the JSON Schema cannot say: who gets the work, which options go together. */
export function checkNodeSettings(node: FlowNode, index: number, report: Report): void {
  const invalid = (message: string, ...at: string[]) =>
    report({
      code: 'schema_invalid',
      path: nodePath(index, 'settings', ...at),
      nodeId: node.id,
      message: `${label(node)}: ${message}`,
    });
  const missing = (at: string, message: string) => {
    const error: DefinitionError = {
      code: 'missing_assignee',
      path: nodePath(index, 'settings', at),
      nodeId: node.id,
      message: `${label(node)} ${message}`,
    };
    report(error);
  };
  switch (node.type) {
    case 'approval':
    case 'fill': {
      const { settings } = node;
      if (settings.assignees.length === 0) missing('assignees', 'has no assignee');
      const { deadline } = settings;
      if (deadline?.action === 'escalate' && deadline.escalateTo === undefined)
        missing('deadline', 'escalates at its deadline to nobody (set "escalateTo")');
      if (deadline?.remindBeforeHours !== undefined && deadline.remindBeforeHours >= deadline.hours)
        invalid('the reminder must come before the deadline', 'deadline', 'remindBeforeHours');
      if (node.type === 'approval') {
        const { mode, quorum } = node.settings;
        if (mode === 'quorum' && quorum === undefined)
          invalid('mode "quorum" needs "quorum": { count } or { ratio }', 'quorum');
        if (mode !== 'quorum' && quorum !== undefined)
          invalid('"quorum" applies to mode "quorum" only', 'quorum');
      }
      return;
    }
    case 'cc':
    case 'notify':
      if (node.settings.recipients.length === 0) missing('recipients', 'has no recipient');
      return;
    case 'create_record':
      if (node.settings.mode !== 'create' && node.settings.match === undefined)
        invalid(`mode "${node.settings.mode}" needs "match" to find the records`, 'match');
      return;
    case 'wait': {
      const { duration, untilField, offset } = node.settings;
      if ((duration === undefined) === (untilField === undefined))
        invalid('set exactly one of "duration" and "untilField"');
      if (offset !== undefined && untilField === undefined)
        invalid('"offset" applies to "untilField" only', 'offset');
      return;
    }
    case 'start': {
      const { settings } = node;
      if (settings.trigger !== 'schedule') return;
      if ((settings.cron === undefined) === (settings.dateField === undefined))
        invalid('a schedule needs exactly one of "cron" and "dateField"');
      if (settings.offset !== undefined && settings.dateField === undefined)
        invalid('"offset" applies to "dateField" only', 'offset');
      return;
    }
    default:
      return;
  }
}
