import type { JsonObject } from '@liuyun/definitions';
import { type SampleClock, cstDay, addDays } from './clock';
import {
  CN_COMPANY_CITIES,
  CN_COMPANY_CORES,
  CN_COMPANY_KINDS,
  CN_GIVEN,
  CN_SURNAMES,
  CN_TITLES,
  EN_COMPANY_CORES,
  EN_COMPANY_KINDS,
  EN_FIRST,
  EN_LAST,
  EN_TITLES,
} from './names';
import { type SampleSet, teamOf } from './sample-set';

export interface SampleCampaign {
  id: string;
  channel: string;
  start: Date;
}

export interface SampleCustomer {
  id: string;
  name: string;
  code: string;
  chinese: boolean;
  region: string;
  owner: string;
  created: Date;
  data: JsonObject;
  contactName: string;
}

const CHANNELS = ['website', 'social', 'event', 'third_party', 'referral', 'event'];
const CAMPAIGN_NAMES: Record<string, [string, string]> = {
  website: ['官网免费试用活动', 'Website free trial'],
  social: ['微信公众号推广', 'WeChat and LinkedIn ads'],
  event: ['数字化转型峰会', 'Digital transformation summit'],
  third_party: ['行业名单采购', 'Purchased industry list'],
  referral: ['老客户推荐计划', 'Customer referral programme'],
};
const REGIONS = ['north', 'east', 'south', 'west'];
const CITIES: Record<string, [string, string][]> = {
  north: [
    ['北京市', '北京市'],
    ['天津市', '天津市'],
  ],
  east: [
    ['浙江省', '杭州市'],
    ['上海市', '上海市'],
    ['江苏省', '南京市'],
  ],
  south: [
    ['广东省', '深圳市'],
    ['广东省', '广州市'],
    ['福建省', '厦门市'],
  ],
  west: [
    ['四川省', '成都市'],
    ['陕西省', '西安市'],
  ],
};

export function personName(set: SampleSet, chinese: boolean): string {
  const r = set.rng;
  return chinese
    ? `${r.pick(CN_SURNAMES)}${r.pick(CN_GIVEN)}`
    : `${r.pick(EN_FIRST)} ${r.pick(EN_LAST)}`;
}

function mobile(set: SampleSet, chinese: boolean): string {
  const digits = String(set.rng.int(10_000_000, 99_999_999));
  return chinese ? `13${set.rng.int(0, 9)}${digits}` : `+44 7700 ${digits.slice(0, 6)}`;
}

function companyNames(set: SampleSet, count: number): { name: string; chinese: boolean }[] {
  const seen = new Set<string>();
  const out: { name: string; chinese: boolean }[] = [];
  while (out.length < count) {
    const chinese = out.length % 5 !== 4 && out.length % 5 !== 2;
    const r = set.rng;
    const name = chinese
      ? `${r.pick(CN_COMPANY_CITIES)}${r.pick(CN_COMPANY_CORES)}${r.pick(CN_COMPANY_KINDS)}`
      : `${r.pick(EN_COMPANY_CORES)} ${r.pick(EN_COMPANY_KINDS)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, chinese });
  }
  return out;
}

export function campaigns(set: SampleSet, clock: SampleClock): SampleCampaign[] {
  return CHANNELS.map((channel, i) => {
    const start = clock.ago(89 - i * 9);
    const budget = set.rng.int(4, 30) * 5000;
    const [zh, en] = CAMPAIGN_NAMES[channel]!;
    const manager = i % 2 === 0 ? 'manager1' : 'manager2';
    const id = set.add('campaign', manager, start, {
      name: i === 5 ? `${zh}（华南场） ${en} South` : `${zh} ${en}`,
      channel,
      start_date: cstDay(start),
      end_date: addDays(cstDay(start), set.rng.int(20, 45)),
      budget,
      actual_cost: Math.round(budget * (0.7 + set.rng.next() * 0.35)),
      owner: set.userId(manager),
      notes: `Q${i + 1}`,
    });
    return { id, channel, start };
  });
}

/**
 * Leads from the campaigns; `customerCount` of them were converted into customers
 * (each with its first contact). The rest are new, being contacted, qualified or invalid.
 */
export function leadsAndCustomers(
  set: SampleSet,
  clock: SampleClock,
  camps: SampleCampaign[],
  customerCount: number,
  otherLeads: number,
): SampleCustomer[] {
  const r = set.rng;
  const companies = companyNames(set, customerCount + otherLeads);
  const customers: SampleCustomer[] = [];
  companies.forEach((company, i) => {
    const converted = i < customerCount;
    const camp = r.chance(0.9) ? r.pick(camps) : null;
    const earliest = camp ? clock.daysAgo(camp.start) - 1 : 88;
    const age = converted
      ? r.int(12, Math.max(13, Math.floor(earliest)))
      : 0.5 + r.next() * earliest;
    const created = clock.ago(age + r.next() * 0.5);
    const region = r.pick(REGIONS);
    const team = teamOf(region);
    const rep = r.pick(team.reps);
    const contactName = personName(set, company.chinese);
    const status = converted
      ? 'converted'
      : r.pick(['new', 'new', 'contacting', 'contacting', 'qualified', 'invalid']);
    const assigned = status !== 'new' || r.chance(0.5);
    const lead: JsonObject = {
      contact_name: contactName,
      mobile: mobile(set, company.chinese),
      company: company.name,
      region,
      source: camp ? camp.channel : 'referral',
      details: company.chinese
        ? '对 CRM 与审批流感兴趣。'
        : 'Interested in CRM and approval flows.',
      pool: assigned ? 'assigned' : 'pool',
      status,
      duplicate: 'no',
      recycle_count: 0,
    };
    if (camp) lead.campaign = camp.id;
    if (assigned) {
      lead.owner = set.userId(rep);
      lead.department = set.departmentId(team.department);
    }
    if (status !== 'new') {
      const contacted = clock.plus(created, 0.1 + r.next() * 0.8);
      lead.first_contacted_at = contacted.toISOString();
      lead.last_follow_up = cstDay(contacted);
    }
    if (converted) lead.converted_customer = company.name;
    set.add('lead', assigned ? rep : 'admin', created, lead);
    if (!converted) return;
    customers.push(customer(set, clock, company, region, rep, lead, created, contactName));
  });
  return customers;
}

function customer(
  set: SampleSet,
  clock: SampleClock,
  company: { name: string; chinese: boolean },
  region: string,
  rep: string,
  lead: JsonObject,
  leadCreated: Date,
  contactName: string,
): SampleCustomer {
  const r = set.rng;
  const created = clock.plus(leadCreated, 2 + r.next() * 8);
  const [province, city] = r.pick(CITIES[region]!);
  const team = teamOf(region);
  const data: JsonObject = {
    name: company.name,
    category: r.pick(['enterprise', 'enterprise', 'smb', 'smb', 'government']),
    source: String(lead.source),
    region,
    level: r.pick(['A', 'B', 'B', 'C', 'C', 'D']),
    tags: r.chance(0.3) ? ['key_account'] : ['new'],
    owner: set.userId(rep),
    department: set.departmentId(team.department),
    pool: 'private',
    protected_until: addDays(cstDay(created), 90),
    settlement_terms: r.pick(['prepaid', 'net30', 'net60', 'monthly']),
    phone: company.chinese
      ? `0${r.int(20, 29)}-${r.int(60_000_000, 89_999_999)}`
      : `+44 20 ${r.int(7000, 7999)} ${r.int(1000, 9999)}`,
    email: `contact${set.records.length}@${company.chinese ? 'example.cn' : 'example.com'}`,
    address: {
      province,
      city,
      detail: company.chinese ? `科技路 ${r.int(1, 300)} 号` : `${r.int(1, 300)} Harbour Road`,
    },
    loyalty_points: 0,
    contract_count: 0,
    total_contract_amount: 0,
    total_received: 0,
    churn_status: 'none',
    churn_risk: 0,
  };
  const code = '';
  const id = set.add('customer', rep, created, data);
  const sample: SampleCustomer = {
    id,
    name: company.name,
    code,
    chinese: company.chinese,
    region,
    owner: rep,
    created,
    data,
    contactName,
  };
  contacts(set, clock, sample);
  return sample;
}

function contacts(set: SampleSet, clock: SampleClock, c: SampleCustomer): void {
  const r = set.rng;
  const count = r.int(1, 3);
  for (let i = 0; i < count; i++) {
    const name = i === 0 ? c.contactName : personName(set, c.chinese);
    set.add('contact', c.owner, clock.plus(c.created, 0.01 + i * 0.5), {
      customer: c.id,
      customer_name: c.name,
      name,
      title: c.chinese ? r.pick(CN_TITLES) : r.pick(EN_TITLES),
      mobile: mobile(set, c.chinese),
      email: `${c.chinese ? 'lx' : 'p'}${set.records.length}@${c.chinese ? 'example.cn' : 'example.com'}`,
      decision_role: i === 0 ? 'decision_maker' : r.pick(['influencer', 'user', 'gatekeeper']),
      birthday: `${r.int(1965, 1995)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
    });
  }
}
