import type { JsonObject } from '@liuyun/definitions';
import { type SampleClock, DAY_MS, addDays, cstDay } from './clock';
import type { SampleCustomer } from './crm-people';
import type { SampleSet } from './sample-set';

/** The care holidays of `holiday_care` (its cron: 09:00 on 28 April, September, December). */
export const CARE_HOLIDAYS = ['04-28', '09-28', '12-28'];

const ACTIONS = ['call', 'message', 'gift', 'visit'] as const;
const NOTES_ZH: Record<(typeof ACTIONS)[number], string> = {
  call: '电话问候，顺带确认了下季度的采购计划。',
  message: '发送节日祝福微信，对方回复感谢。',
  gift: '寄送礼盒与手写贺卡，已签收。',
  visit: '上门拜访，送上礼品并约了下次会谈。',
};
const NOTES_EN: Record<(typeof ACTIONS)[number], string> = {
  call: 'Called with greetings; confirmed next quarter’s purchase plan.',
  message: 'Sent a greeting message; they replied with thanks.',
  gift: 'Sent a gift box with a handwritten card; delivered.',
  visit: 'Visited with a small gift and set up the next meeting.',
};

function at(day: string, hh: number): Date {
  return new Date(`${day}T${String(hh).padStart(2, '0')}:00:00+08:00`);
}

/** Whether a customer gets holiday care: private, and of level A or B (or tagged VIP). */
function keyCustomer(c: SampleCustomer): boolean {
  const tags = Array.isArray(c.data.tags) ? c.data.tags : [];
  return (
    c.data.pool === 'private' && (['A', 'B'].includes(String(c.data.level)) || tags.includes('vip'))
  );
}

/**
 * One care task as the care automations make it: open until its owner acts; done ones
 * (most whose due day has passed) carry the owner's completed fill-in task.
 */
function careTask(
  set: SampleSet,
  clock: SampleClock,
  c: SampleCustomer,
  created: Date,
  data: JsonObject,
): void {
  const r = set.rng;
  const due = String(data.due_on);
  const today = cstDay(clock.now);
  const overdue = due < today;
  const done = overdue ? r.chance(0.9) : r.chance(0.4);
  const full: JsonObject = {
    customer: c.id,
    customer_name: c.name,
    owner: set.userId(c.owner),
    ...data,
    status: 'open',
  };
  if (!done) {
    set.add('care_task', c.owner, created, full);
    return;
  }
  const action = r.pick([...ACTIONS]);
  const latest = Math.min(at(due, 18).getTime(), clock.now.getTime() - 60_000);
  const finished = new Date(
    created.getTime() + r.next() * Math.max(60_000, latest - created.getTime()),
  );
  full.status = 'done';
  full.action = action;
  full.notes = c.chinese ? NOTES_ZH[action] : NOTES_EN[action];
  set.add('care_task', c.owner, created, full, {
    outcome: 'approved',
    completedAt: finished.toISOString(),
    tasks: [
      {
        nodeId: 'care',
        assignee: c.owner,
        action: 'submit',
        createdAt: created.toISOString(),
        completedAt: finished.toISOString(),
      },
    ],
  });
}

/**
 * A quarter of care work: a holiday task for each key customer on every care holiday of
 * the last 90 days, and a birthday task the day before each contact's birthday in it —
 * as `holiday_care` and `contact_birthday_care` would have made them.
 */
export function careTasks(set: SampleSet, clock: SampleClock, customers: SampleCustomer[]): void {
  const first = cstDay(clock.ago(90));
  const today = cstDay(clock.now);
  const years = [Number(first.slice(0, 4)), Number(today.slice(0, 4))];
  const holidays = [...new Set(years)]
    .flatMap((y) => CARE_HOLIDAYS.map((d) => `${y}-${d}`))
    .filter((d) => at(d, 9) >= clock.ago(90) && at(d, 9) < clock.now);
  for (const day of holidays) {
    const created = at(day, 9);
    for (const c of customers.filter((x) => keyCustomer(x) && x.created < created)) {
      careTask(set, clock, c, created, {
        occasion: 'holiday',
        due_on: addDays(day, 3),
        title: `节日问候：${c.name} / holiday greetings: ${c.name}`,
      });
    }
  }
  const byId = new Map(customers.map((c) => [c.id, c]));
  const contacts = set.records.filter((s) => s.form === 'contact');
  for (const contact of contacts) {
    const c = byId.get(String(contact.data.customer));
    const birthday = contact.data.birthday;
    if (!c || typeof birthday !== 'string') continue;
    for (const y of [...new Set(years)]) {
      const day = `${y}${birthday.slice(4)}`;
      const created = at(addDays(day, -1), 9);
      const contactCreated = Date.parse(String(contact.createdAt));
      if (created < clock.ago(90) || created >= clock.now) continue;
      if (created.getTime() <= contactCreated || created.getTime() - contactCreated < DAY_MS)
        continue;
      const name = String(contact.data.name);
      careTask(set, clock, c, created, {
        occasion: 'birthday',
        contact_name: name,
        due_on: day,
        title: `明天是 ${name} 的生日（${c.name}） / birthday of ${name} tomorrow (${c.name})`,
      });
    }
  }
}
