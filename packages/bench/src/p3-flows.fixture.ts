/**
 * The P3 flows, twice: as Liuyun flow definitions and as the equivalent BPMN 2.0 for
 * bpmn-engine. Branch + automation: start → mark pending → exclusive (discount ≤ 10 →
 * set approved, else → set review) → end. Approval: start → user task → end.
 */
import type { FlowDefinition, FlowEdge, FlowNode, JsonObject } from '@liuyun/definitions';

const name = (en: string): { zh: string; en: string } => ({ zh: en, en });
const at = { x: 0, y: 0 };

function node(id: string, type: FlowNode['type'], settings: unknown): FlowNode {
  return { id, type, name: name(id), settings, position: at } as FlowNode;
}

function edge(id: string, source: string, target: string, extra: Partial<FlowEdge> = {}): FlowEdge {
  return { id, source, target, ...extra };
}

/** Branch + automation, all in one step. */
export const branchFlow: FlowDefinition = {
  key: 'bench_branch',
  name: name('Branch and automation'),
  nodes: [
    node('start', 'start', { trigger: 'form_submit' }),
    node('mark_pending', 'update_record', { set: { status: 'pending' } }),
    node('route', 'exclusive', {}),
    node('set_approved', 'update_record', { set: { status: 'approved' } }),
    node('set_review', 'update_record', { set: { status: 'review' } }),
    node('end', 'end', { outcome: 'approved' }),
  ],
  edges: [
    edge('e_start', 'start', 'mark_pending'),
    edge('e_pending', 'mark_pending', 'route'),
    edge('e_auto', 'route', 'set_approved', {
      priority: 1,
      condition: { '<=': [{ var: 'discount_pct' }, 10] },
    }),
    edge('e_review', 'route', 'set_review', { isDefault: true }),
    edge('e_approved', 'set_approved', 'end'),
    edge('e_reviewed', 'set_review', 'end'),
  ],
};

/** One approval by one user, then the end. */
export const approvalFlow: FlowDefinition = {
  key: 'bench_approval',
  name: name('Approval'),
  nodes: [
    node('start', 'start', { trigger: 'form_submit' }),
    node('approve', 'approval', { assignees: [{ kind: 'user', username: 'mgr' }], mode: 'any' }),
    node('end', 'end', { outcome: 'approved' }),
  ],
  edges: [
    edge('e_start', 'start', 'approve'),
    edge('e_ok', 'approve', 'end', { outcome: 'approve' }),
  ],
};

/** The record both engines start with (a small quote). */
export const quoteRecord: JsonObject = {
  customer_name: 'Hangzhou Yunfan Technology',
  items: [
    {
      product: 'CRM Pro, 1 year',
      quantity: 20,
      unit_price: 1200,
      discount_pct: 0,
      subtotal: 24000,
    },
    { product: 'Implementation', quantity: 5, unit_price: 3000, discount_pct: 0, subtotal: 15000 },
  ],
  discount_pct: 5,
  total: 37050,
};

const BPMN_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?>\n' +
  '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="bench" ' +
  'targetNamespace="http://liuyun.dev/bench">';

/** {@link branchFlow} in BPMN: service tasks for the updates, an expression condition. */
export const branchBpmn = `${BPMN_HEAD}
  <process id="bench_branch" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="e_start" sourceRef="start" targetRef="mark_pending" />
    <serviceTask id="mark_pending" implementation="\${environment.services.markPending}" />
    <sequenceFlow id="e_pending" sourceRef="mark_pending" targetRef="route" />
    <exclusiveGateway id="route" default="e_review" />
    <sequenceFlow id="e_auto" sourceRef="route" targetRef="set_approved">
      <conditionExpression xsi:type="tFormalExpression">\${environment.services.atMost(environment.variables.record.discount_pct, 10)}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="e_review" sourceRef="route" targetRef="set_review" />
    <serviceTask id="set_approved" implementation="\${environment.services.setApproved}" />
    <serviceTask id="set_review" implementation="\${environment.services.setReview}" />
    <sequenceFlow id="e_approved" sourceRef="set_approved" targetRef="end" />
    <sequenceFlow id="e_reviewed" sourceRef="set_review" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;

/** {@link approvalFlow} in BPMN: a user task, signalled. */
export const approvalBpmn = `${BPMN_HEAD}
  <process id="bench_approval" isExecutable="true">
    <startEvent id="start" />
    <sequenceFlow id="e_start" sourceRef="start" targetRef="approve" />
    <userTask id="approve" />
    <sequenceFlow id="e_ok" sourceRef="approve" targetRef="end" />
    <endEvent id="end" />
  </process>
</definitions>`;
