import type { JsonObject, SampleTaskHistory } from '@liuyun/definitions';
import { type SampleClock, addDays, cstDay } from './clock';
import { PRODUCTS } from './names';
import type { SampleCustomer } from './crm-people';
import { type SampleSet, teamOf } from './sample-set';

export interface SampleOpportunity {
  id: string;
  customer: SampleCustomer;
  stage: string;
  created: Date;
  closed: Date | null;
}

export interface SampleContract {
  id: string;
  customer: SampleCustomer;
  amount: number;
  created: Date;
  startDate: string;
  approved: boolean;
}

export interface SamplePlan {
  id: string;
  contract: SampleContract;
  amount: number;
  dueDate: string;
  received: number;
}

/** 40 opportunities: every stage of the pipeline, the closed ones won or lost. */
const STAGES = [
  ...Array<string>(10).fill('won'),
  ...Array<string>(5).fill('lost'),
  ...Array<string>(7).fill('negotiation'),
  ...Array<string>(7).fill('proposal'),
  ...Array<string>(6).fill('needs'),
  ...Array<string>(5).fill('initial'),
];
const PATH = ['initial', 'needs', 'proposal', 'negotiation'];

export function opportunities(
  set: SampleSet,
  clock: SampleClock,
  customers: SampleCustomer[],
): SampleOpportunity[] {
  const r = set.rng;
  const byAge = [...customers].sort((a, b) => a.created.getTime() - b.created.getTime());
  return STAGES.map((stage, i) => {
    // Closed deals go to the customers of longest standing, open ones to the rest.
    const c = byAge[i % byAge.length]!;
    const created = clock.plus(c.created, 1 + r.next() * 4);
    const closed =
      stage === 'won' || stage === 'lost'
        ? clock.plus(created, 5 + r.next() * Math.max(1, (clock.daysAgo(created) - 8) * 0.5))
        : null;
    const reached =
      stage === 'won'
        ? [...PATH, 'won']
        : stage === 'lost'
          ? [...PATH.slice(0, r.int(2, 4)), 'lost']
          : PATH.slice(0, PATH.indexOf(stage) + 1);
    const data: JsonObject = {
      title: c.chinese ? `${c.name} CRM 项目` : `${c.name} CRM rollout`,
      customer: c.id,
      customer_name: c.name,
      owner: set.userId(c.owner),
      amount: r.int(6, 80) * 5000,
      stage,
      expected_close: addDays(cstDay(created), r.int(20, 75)),
      stage_history: reached.join(' → '),
    };
    const gate = (s: string) => reached.includes(s);
    if (gate('needs'))
      data.needs_summary = c.chinese
        ? '需要线索、商机与审批流程一体化，移动端办公。'
        : 'Leads, pipeline and approvals in one place, on mobile too.';
    if (gate('proposal')) data.decision_maker = c.contactName;
    if (gate('negotiation')) data.budget_confirmed = 'yes';
    if (r.chance(0.4)) data.competitor = r.pick(['Salesforce', '纷享销客', '销售易', 'HubSpot']);
    if (stage === 'lost') data.lost_reason = r.pick(['price', 'competitor', 'timing', 'no_budget']);
    if (stage === 'won')
      data.win_reason = r.pick([
        '方案贴合业务流程 Fits their process',
        '实施周期短 Quick to roll out',
        '服务响应快 Responsive service',
        '总体成本更低 Lower total cost',
      ]);
    if (closed) data.closed_on = cstDay(closed);
    const id = set.add('opportunity', c.owner, created, data);
    return { id, customer: c, stage, created, closed };
  });
}

function lineItems(set: SampleSet, chinese: boolean): JsonObject[] {
  const r = set.rng;
  const count = r.int(1, 3);
  const products = [...PRODUCTS].sort(() => r.next() - 0.5).slice(0, count);
  return products.map((p) => ({
    product: chinese ? p.zh : p.en,
    quantity: p.price >= 20000 ? 1 : r.int(2, 60),
    unit_price: p.price,
    discount_pct: 0,
  }));
}

function itemsTotal(items: JsonObject[], discountPct: number): number {
  const sum = items.reduce(
    (s, it) => s + Math.round(Number(it.quantity) * Number(it.unit_price) * 100) / 100,
    0,
  );
  return Math.round(sum * (1 - discountPct / 100) * 100) / 100;
}

function task(
  nodeId: string,
  assignee: string,
  action: 'approve' | 'reject',
  from: Date,
  hours: number,
  clock: SampleClock,
): SampleTaskHistory {
  const done = clock.plus(from, hours / 24);
  return {
    nodeId,
    assignee,
    action,
    createdAt: from.toISOString(),
    completedAt: done.toISOString(),
  };
}

/**
 * A quote per opportunity that reached a proposal (and won deals), routed as the quote flow
 * would: up to 10 % approved at once, above it the manager, above 20 % the director too.
 */
export function quotesAndContracts(
  set: SampleSet,
  clock: SampleClock,
  opps: SampleOpportunity[],
): SampleContract[] {
  const r = set.rng;
  const contracts: SampleContract[] = [];
  let rejectedContract = false;
  for (const opp of opps) {
    if (!['proposal', 'negotiation', 'won', 'lost'].includes(opp.stage)) continue;
    const c = opp.customer;
    const created = clock.plus(opp.created, 1 + r.next() * 3);
    const discount = r.pick([0, 5, 8, 10, 12, 15, 18, 22, 25, 30]);
    const items = lineItems(set, c.chinese);
    const total = itemsTotal(items, discount);
    const manager = teamOf(c.region).manager;
    const tasks: SampleTaskHistory[] = [];
    let approved = true;
    if (discount > 10) {
      const managerSays = opp.stage === 'won' || r.chance(0.8) ? 'approve' : 'reject';
      const t = task(
        'manager_approval',
        manager,
        managerSays,
        new Date(created.getTime() + 60_000),
        1 + r.next() * 30,
        clock,
      );
      tasks.push(t);
      approved = managerSays === 'approve';
      if (approved && discount > 20) {
        const directorSays = opp.stage === 'won' || r.chance(0.7) ? 'approve' : 'reject';
        tasks.push(
          task(
            'director_approval',
            'director1',
            directorSays,
            new Date(t.completedAt),
            2 + r.next() * 40,
            clock,
          ),
        );
        approved = directorSays === 'approve';
      }
    }
    const last = tasks[tasks.length - 1];
    const data: JsonObject = {
      customer: c.id,
      customer_name: c.name,
      opportunity: opp.id,
      items,
      discount_pct: discount,
      total,
      status: approved ? 'approved' : 'rejected',
    };
    if (discount > 10)
      data.reason = c.chinese
        ? '客户为区域标杆，竞品压价。'
        : 'Reference customer; a competitor undercut us.';
    const decided = last ? new Date(last.completedAt) : new Date(created.getTime() + 1000);
    const quoteId = set.add('quote', c.owner, created, data, {
      outcome: approved ? 'approved' : 'rejected',
      completedAt: decided.toISOString(),
      tasks,
    });
    if (opp.stage === 'won' && opp.closed && approved)
      contracts.push(contract(set, clock, opp, quoteId, decided, items, total, true));
    else if (opp.stage === 'negotiation' && approved && !rejectedContract) {
      // One contract of a deal still in negotiation, which finance turned down.
      rejectedContract = true;
      contracts.push(contract(set, clock, opp, quoteId, decided, items, total, false));
    }
  }
  return contracts;
}

/** A contract from an approved quote: legal and finance countersign, then the director. */
function contract(
  set: SampleSet,
  clock: SampleClock,
  opp: SampleOpportunity,
  quoteId: string,
  quoteDecided: Date,
  items: JsonObject[],
  total: number,
  approved: boolean,
): SampleContract {
  const r = set.rng;
  const c = opp.customer;
  const base = Math.max(quoteDecided.getTime(), (opp.closed ?? opp.created).getTime());
  const created = clock.plus(new Date(base), 0.2 + r.next());
  const legal = task(
    'legal_review',
    r.pick(['legal1', 'legal2']),
    'approve',
    new Date(created.getTime() + 60_000),
    2 + r.next() * 20,
    clock,
  );
  const finance = task(
    'finance_review',
    'finance1',
    approved ? 'approve' : 'reject',
    new Date(created.getTime() + 60_000),
    1 + r.next() * 24,
    clock,
  );
  const tasks = [legal, finance];
  if (approved) {
    const after = new Date(
      Math.max(Date.parse(legal.completedAt), Date.parse(finance.completedAt)),
    );
    tasks.push(task('director_approval', 'director1', 'approve', after, 1 + r.next() * 16, clock));
  }
  const startDate = cstDay(clock.plus(created, 1));
  const data: JsonObject = {
    customer: c.id,
    customer_name: c.name,
    owner: set.userId(c.owner),
    quote: quoteId,
    quote_total: total,
    items,
    amount: total,
    start_date: startDate,
    end_date: addDays(addDays(startDate, 365), -1),
    payment_terms: r.chance(0.5) ? 'two_installments' : 'full',
    payment_notes: c.chinese ? '按回款计划付款。' : 'Paid as the payment plan says.',
    received_amount: 0,
    receivable: total,
    status: approved ? 'approved' : 'rejected',
  };
  if (!approved)
    data.legal_notes = c.chinese
      ? '财务：付款条件不符合公司政策。'
      : 'Finance: payment terms against policy.';
  const last = tasks.reduce((a, b) =>
    Date.parse(a.completedAt) > Date.parse(b.completedAt) ? a : b,
  );
  const id = set.add('contract', c.owner, created, data, {
    outcome: approved ? 'approved' : 'rejected',
    completedAt: last.completedAt,
    tasks,
  });
  return {
    id,
    customer: c,
    amount: total,
    created: new Date(last.completedAt),
    startDate,
    approved,
  };
}

/** The payment plans an approved contract's flow creates, and the payments received against them. */
export function plansAndPayments(
  set: SampleSet,
  clock: SampleClock,
  contracts: SampleContract[],
): SamplePlan[] {
  const r = set.rng;
  const today = cstDay(clock.now);
  const plans: SamplePlan[] = [];
  for (const k of contracts.filter((x) => x.approved)) {
    const contractRecord = set.records.find((x) => x.id === k.id)!;
    const two = contractRecord.data.payment_terms === 'two_installments';
    const parts = two
      ? [
          { period: 1, days: 30, share: 0.5 },
          { period: 2, days: 180, share: 0.5 },
        ]
      : [{ period: 1, days: 30, share: 1 }];
    for (const part of parts) {
      const amount = Math.round(k.amount * part.share * 100) / 100;
      const dueDate = addDays(k.startDate, part.days);
      const due = dueDate < today;
      const roll = r.next();
      const received = due
        ? roll < 0.5
          ? amount
          : roll < 0.65
            ? Math.round(amount * 0.4)
            : 0
        : roll < 0.2
          ? amount
          : 0;
      const status =
        received >= amount ? 'paid' : received > 0 ? 'partial' : due ? 'overdue' : 'pending';
      const data: JsonObject = {
        contract: k.id,
        contract_no: '',
        customer: k.customer.id,
        customer_name: k.customer.name,
        owner: set.userId(k.customer.owner),
        period: part.period,
        due_date: dueDate,
        amount,
        received_amount: received,
        status,
        overdue_level: status === 'overdue' ? r.int(1, 2) : 0,
      };
      const id = set.add('payment_plan', 'admin', k.created, data);
      plans.push({ id, contract: k, amount, dueDate, received });
      if (received > 0) {
        const latest = Math.min(
          Date.parse(`${dueDate}T02:00:00Z`) + r.int(-10, 5) * 86_400_000,
          clock.now.getTime() - 3_600_000,
        );
        const on = new Date(Math.max(latest, k.created.getTime() + 3_600_000));
        set.add('payment', 'finance1', clock.plus(on, 0), {
          plan: id,
          contract_no: '',
          period: part.period,
          customer: k.customer.id,
          customer_name: k.customer.name,
          received_amount: received,
          received_on: cstDay(on),
          method: r.pick(['bank_transfer', 'bank_transfer', 'alipay', 'wechat_pay', 'cheque']),
        });
      }
    }
  }
  return plans;
}
