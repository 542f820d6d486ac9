import type { JsonObject, TemplateSampleRecord } from '@liuyun/definitions';
import { SampleClock, cstDay } from './clock';
import { campaigns, leadsAndCustomers } from './crm-people';
import { opportunities, plansAndPayments, quotesAndContracts } from './crm-sales';
import { careTasks } from './crm-care';
import { customerRollups, followups, tickets } from './crm-service';
import { Prng } from './prng';
import { type SampleDirectory, SampleSet } from './sample-set';

export type { SampleDirectory } from './sample-set';

export interface CrmSampleOptions {
  /** The same seed (with the same `now` and directory) gives the very same records. */
  seed: number;
  /** The install time: every record is created within the 90 days before it. */
  now: Date;
  directory: SampleDirectory;
}

/** How many records of each kind the generator makes. */
export const CRM_SAMPLE_COUNTS = {
  customers: 50,
  otherLeads: 80,
  followups: 300,
  opportunities: 40,
  tickets: 30,
};

export const DEFAULT_CRM_SEED = 20_260_101;

/**
 * A believable last quarter of CRM work: campaigns and their leads, the customers won from
 * them with contacts and follow-ups, opportunities in every stage, quotes and contracts
 * approved or rejected as the flows would have decided, payment plans and payments, and
 * after-sales tickets, and the holiday and birthday care tasks of the quarter. Records refer to each other by id, carry creation times spread over
 * the last 90 days, and are owned by the reps of each region. Sorted by creation time.
 */
export function generateCrmSamples(options: CrmSampleOptions): TemplateSampleRecord[] {
  const set = new SampleSet(new Prng(options.seed), options.directory);
  const clock = new SampleClock(options.now);
  const n = CRM_SAMPLE_COUNTS;
  const camps = campaigns(set, clock);
  const customers = leadsAndCustomers(set, clock, camps, n.customers, n.otherLeads);
  const opps = opportunities(set, clock, customers);
  const contracts = quotesAndContracts(set, clock, opps);
  const plans = plansAndPayments(set, clock, contracts);
  const followupDays = followups(set, clock, customers, opps, n.followups);
  const scores = tickets(set, clock, contracts, n.tickets);
  customerRollups(set, clock, customers, followupDays, contracts, plans, scores);
  careTasks(set, clock, customers);
  const records = [...set.records].sort((a, b) =>
    String(a.createdAt).localeCompare(String(b.createdAt)),
  );
  numberSerials(records);
  return records;
}

/**
 * Customer codes and contract numbers as the serial counters give them out on a fresh
 * install (in creation order, per year), copied into the records that show them.
 */
function numberSerials(records: TemplateSampleRecord[]): void {
  const serial = (form: string, field: string, prefix: string) => {
    const counters = new Map<string, number>();
    const byId = new Map<string, string>();
    for (const r of records.filter((x) => x.form === form)) {
      const year = cstDay(new Date(String(r.createdAt))).slice(0, 4);
      const next = (counters.get(year) ?? 0) + 1;
      counters.set(year, next);
      const value = `${prefix}-${year}-${String(next).padStart(4, '0')}`;
      r.data[field] = value;
      byId.set(String(r.id), value);
    }
    return byId;
  };
  const codes = serial('customer', 'code', 'KH');
  const numbers = serial('contract', 'contract_no', 'HT');
  const plans = new Map<string, string>();
  for (const r of records) {
    const d: JsonObject = r.data;
    const code = typeof d.customer === 'string' ? codes.get(d.customer) : undefined;
    if (code && r.form !== 'customer' && r.form !== 'quote') d.customer_code = code;
    if (r.form === 'quote' && code) d.customer_code = code;
    if (r.form === 'payment_plan' && typeof d.contract === 'string') {
      d.contract_no = numbers.get(d.contract) ?? '';
      plans.set(String(r.id), String(d.contract_no));
    }
  }
  for (const r of records.filter((x) => x.form === 'payment')) {
    r.data.contract_no = plans.get(String(r.data.plan)) ?? '';
  }
}
