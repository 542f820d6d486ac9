import type { AutomationFlow, AutomationHostNode } from '@liuyun/client';
import type { FlowNode, I18nText } from '@liuyun/definitions';

/** The steps an automation may take, in the order the editor offers them. */
export const ACTION_TYPES = [
  'update_record',
  'create_record',
  'notify',
  'webhook',
  'delete_record',
] as const;
export type ActionType = (typeof ACTION_TYPES)[number];

/** One action of a straight automation (start → actions → end). */
export type AutomationAction =
  | Extract<FlowNode, { type: 'update_record' | 'create_record' | 'notify' | 'webhook' }>
  | Extract<AutomationHostNode, { type: 'delete_record' }>;

export function newAction(type: ActionType, id: string, name: I18nText): AutomationAction {
  switch (type) {
    case 'update_record':
      return { id, type, name, settings: { set: {} } };
    case 'create_record':
      return { id, type, name, settings: { form: '', mode: 'create', set: {} } };
    case 'notify':
      return {
        id,
        type,
        name,
        settings: { recipients: [{ kind: 'submitter' }], message: { zh: '', en: '' } },
      };
    case 'webhook':
      return { id, type, name, settings: { url: 'https://', method: 'POST' } };
    case 'delete_record':
      return { id, type, name, settings: {} };
  }
}

const isAction = (node: AutomationFlow['nodes'][number]): node is AutomationAction =>
  (ACTION_TYPES as readonly string[]).includes(node.type);

/** The actions in order, when the flow is a straight line start → actions → end; else `null`. */
export function actionsOf(flow: AutomationFlow): AutomationAction[] | null {
  const start = flow.nodes.find((n) => n.type === 'start');
  if (!start || flow.nodes.filter((n) => n.type === 'start').length !== 1) return null;
  const actions: AutomationAction[] = [];
  let at: string = start.id;
  const seen = new Set<string>([at]);
  for (;;) {
    const out = flow.edges.filter((e) => e.source === at);
    if (out.length !== 1) return null;
    const next = flow.nodes.find((n) => n.id === out[0]?.target);
    if (!next || seen.has(next.id)) return null;
    seen.add(next.id);
    if (next.type === 'end') break;
    if (!isAction(next)) return null;
    actions.push(next);
    at = next.id;
  }
  return seen.size === flow.nodes.length && flow.edges.length === flow.nodes.length - 1
    ? actions
    : null;
}

/** A straight flow running the actions one after the other. */
export function flowOf(
  key: string,
  name: I18nText,
  actions: AutomationAction[],
  labels: { start: I18nText; end: I18nText },
): AutomationFlow {
  const nodes: AutomationFlow['nodes'] = [
    { id: 'start', type: 'start', name: labels.start, settings: { trigger: 'form_submit' } },
    ...actions,
    { id: 'end', type: 'end', name: labels.end, settings: { outcome: 'approved' } },
  ];
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ id: `e${i + 1}`, source: nodes[i]?.id ?? 'start', target: node.id }));
  return { key: `${key}_flow`.slice(0, 64), name, nodes, edges };
}
