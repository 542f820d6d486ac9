import type { JsonObject } from '@liuyun/definitions';
import { type SampleClock, addDays, cstDay } from './clock';
import type { SampleCustomer } from './crm-people';
import type { SampleContract, SampleOpportunity, SamplePlan } from './crm-sales';
import {
  FOLLOWUP_CONTENT_EN,
  FOLLOWUP_CONTENT_ZH,
  TICKET_TITLES_EN,
  TICKET_TITLES_ZH,
} from './names';
import type { SampleSet } from './sample-set';

/** Follow-ups spread over the customers' lives, busier for customers with deals. */
export function followups(
  set: SampleSet,
  clock: SampleClock,
  customers: SampleCustomer[],
  opps: SampleOpportunity[],
  count: number,
): Map<string, string[]> {
  const r = set.rng;
  const days = new Map<string, string[]>();
  const weighted = customers.flatMap((c) => (opps.some((o) => o.customer === c) ? [c, c, c] : [c]));
  for (let i = 0; i < count; i++) {
    const c =
      weighted[i < customers.length ? i : r.int(0, weighted.length - 1)] ?? r.pick(customers);
    const at = clock.plus(c.created, r.next() * Math.max(0.5, clock.daysAgo(c.created) - 0.1));
    const day = cstDay(at);
    const opp = opps.find((o) => o.customer === c && o.created < at);
    const data: JsonObject = {
      customer: c.id,
      customer_name: c.name,
      followed_at: day,
      method: r.pick(['phone', 'phone', 'wechat', 'visit', 'email', 'meeting']),
      content: c.chinese ? r.pick(FOLLOWUP_CONTENT_ZH) : r.pick(FOLLOWUP_CONTENT_EN),
      next_follow_up: addDays(day, r.int(3, 14)),
      owner: set.userId(c.owner),
    };
    if (opp && r.chance(0.6)) data.opportunity = opp.id;
    set.add('followup', c.owner, at, data);
    days.set(c.id, [...(days.get(c.id) ?? []), day]);
  }
  return days;
}

/** After-sales tickets of customers under contract: most closed with a survey, some open. */
export function tickets(
  set: SampleSet,
  clock: SampleClock,
  contracts: SampleContract[],
  count: number,
): Map<string, number[]> {
  const r = set.rng;
  const scores = new Map<string, number[]>();
  const signed = contracts.filter((k) => k.approved);
  for (let i = 0; i < count; i++) {
    const k = signed[i % signed.length]!;
    const c = k.customer;
    const created = clock.plus(
      k.created,
      0.5 + r.next() * Math.max(1, clock.daysAgo(k.created) - 1),
    );
    const status =
      i % 10 < 6 ? 'closed' : i % 10 < 8 ? 'resolved' : i % 10 < 9 ? 'assigned' : 'new';
    const t = r.int(0, TICKET_TITLES_ZH.length - 1);
    const type =
      t === 7 ? 'complaint' : t === 6 ? 'consultation' : t === 3 ? 'installation' : 'fault';
    const priority = r.pick(['urgent', 'high', 'normal', 'normal', 'low']);
    const data: JsonObject = {
      title: c.chinese ? TICKET_TITLES_ZH[t]! : TICKET_TITLES_EN[t]!,
      customer: c.id,
      customer_name: c.name,
      contract: k.id,
      type,
      priority,
      description: c.chinese ? '客户来电反映问题，详见标题。' : 'Reported by phone; see the title.',
      status,
    };
    if (status !== 'new') data.handler = set.userId(r.pick(['service1', 'service2']));
    if (status === 'resolved' || status === 'closed')
      data.resolution = c.chinese ? '远程协助处理完毕。' : 'Fixed in a remote session.';
    if (status === 'closed') {
      const score = type === 'complaint' ? r.int(1, 3) : r.pick([3, 4, 4, 5, 5, 5]);
      data.satisfaction = score;
      data.feedback =
        score >= 4
          ? c.chinese
            ? '响应及时。'
            : 'Quick response.'
          : c.chinese
            ? '处理太慢。'
            : 'Too slow.';
      scores.set(c.id, [...(scores.get(c.id) ?? []), score]);
    }
    set.add('ticket', 'servicemgr1', created, data);
  }
  return scores;
}

/**
 * What the automations would have written on each customer by now: last and next
 * follow-up, contract and payment roll-ups, satisfaction, and the churn warnings of the
 * customers gone quiet longest.
 */
export function customerRollups(
  set: SampleSet,
  clock: SampleClock,
  customers: SampleCustomer[],
  followupDays: Map<string, string[]>,
  contracts: SampleContract[],
  plans: SamplePlan[],
  scores: Map<string, number[]>,
): void {
  for (const c of customers) {
    const d = c.data;
    const days = [...(followupDays.get(c.id) ?? [])].sort();
    const last = days[days.length - 1];
    if (last) {
      d.last_follow_up = last;
      d.next_follow_up = addDays(last, 7);
    }
    const signed = contracts.filter((k) => k.customer === c && k.approved);
    d.contract_count = signed.length;
    d.total_contract_amount = Math.round(signed.reduce((s, k) => s + k.amount, 0) * 100) / 100;
    const received = plans
      .filter((p) => p.contract.customer === c)
      .reduce((s, p) => s + p.received, 0);
    d.total_received = Math.round(received * 100) / 100;
    d.loyalty_points = Math.floor(received / 100);
    const latest = signed
      .map((k) => k.startDate)
      .sort()
      .pop();
    if (latest) d.last_purchase = latest;
    const s = scores.get(c.id);
    if (s) d.satisfaction_avg = Math.round((s.reduce((a, b) => a + b, 0) / s.length) * 10) / 10;
  }
  for (const k of contracts.filter((x) => x.approved)) {
    const rec = set.records.find((x) => x.id === k.id)!;
    const got = plans.filter((p) => p.contract === k).reduce((s, p) => s + p.received, 0);
    rec.data.received_amount = Math.round(got * 100) / 100;
    rec.data.receivable = Math.round((k.amount - got) * 100) / 100;
  }
  // Churn: the customers without a contract who have gone quiet longest.
  const quiet = customers
    .filter((c) => c.data.contract_count === 0)
    .sort((a, b) =>
      String(a.data.last_follow_up ?? '').localeCompare(String(b.data.last_follow_up ?? '')),
    );
  const statuses = [
    'lost',
    'lost',
    'lost',
    'lost',
    'warning',
    'warning',
    'warning',
    'winning_back',
    'winning_back',
    'won_back',
  ];
  quiet.slice(0, statuses.length).forEach((c, i) => {
    const status = statuses[i]!;
    const quietDays = Math.round(
      clock.daysAgo(
        new Date(`${String(c.data.last_follow_up ?? cstDay(c.created))}T00:00:00+08:00`),
      ),
    );
    c.data.churn_status = status;
    c.data.churn_risk = status === 'lost' ? 90 : status === 'won_back' ? 30 : 70;
    c.data.churn_signals = c.chinese
      ? `${quietDays} 天无跟进；无成交。`
      : `No follow-up for ${quietDays} days; no purchase.`;
    if (status === 'lost') {
      c.data.winback_result = 'lost';
      c.data.pool = 'public';
      c.data.tags = ['risk'];
    }
    if (status === 'won_back') c.data.winback_result = 'won_back';
    if (status !== 'warning')
      c.data.winback_plan = c.chinese
        ? '经理上门拜访，提供续约优惠。'
        : 'Manager visit with a renewal offer.';
  });
}
