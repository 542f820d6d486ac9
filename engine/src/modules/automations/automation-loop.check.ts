import type { AutomationDefinitionError } from './automation-definition.check';
import { triggerFormKey } from './automation-definition.check';
import type { AutomationFlow, AutomationTrigger } from './automation.types';

/** What the loop check needs of an automation. */
export interface LoopCandidate {
  key: string;
  trigger: AutomationTrigger;
  flow: AutomationFlow;
}

/** A kind of write an automation makes to a form (and, for updates, which fields). */
export interface FormWrite {
  form: string;
  op: 'create' | 'update' | 'delete';
  /** Fields an update sets. */
  fields: string[];
}

/** Every write an automation's flow can make, whichever branch it takes. */
export function writesOf(a: LoopCandidate): FormWrite[] {
  const own = triggerFormKey(a.trigger);
  const writes: FormWrite[] = [];
  for (const node of a.flow.nodes) {
    if (node.type === 'create_record') {
      const fields = Object.keys(node.settings.set ?? {});
      const { form, mode } = node.settings;
      if (mode !== 'update') writes.push({ form, op: 'create', fields });
      if (mode !== 'create') writes.push({ form, op: 'update', fields });
    } else if (node.type === 'update_record' && own !== null) {
      writes.push({ form: own, op: 'update', fields: Object.keys(node.settings.set ?? {}) });
    } else if (node.type === 'delete_record') {
      const form = node.settings.form ?? own;
      if (form !== null) writes.push({ form, op: 'delete', fields: [] });
    }
  }
  return writes;
}

/**
 * Whether a write can trigger an automation: creates trigger `record_created`, updates
 * `record_updated` (when they set a watched field), deletes `record_deleted`. Conditions
 * are not read: a loop that a condition might break is still reported.
 */
export function triggers(write: FormWrite, trigger: AutomationTrigger): boolean {
  if (!('form' in trigger) || trigger.form !== write.form) return false;
  switch (trigger.kind) {
    case 'record_created':
      return write.op === 'create';
    case 'record_deleted':
      return write.op === 'delete';
    case 'record_updated':
      return (
        write.op === 'update' &&
        (trigger.watchFields === undefined ||
          trigger.watchFields.some((f) => write.fields.includes(f)))
      );
    default:
      return false;
  }
}

function describe(a: LoopCandidate, next: LoopCandidate): string {
  const write = writesOf(a).find((w) => triggers(w, next.trigger));
  return write ? `${a.key} (${write.op}s "${write.form}")` : a.key;
}

/**
 * Finds loops among an app's enabled automations: an edge runs from A to B when a write
 * A makes can trigger B. Each cycle is reported once with code `automation_loop`, naming
 * the automations around it — never cut silently at run time.
 */
export function findAutomationLoops(automations: LoopCandidate[]): AutomationDefinitionError[] {
  const byKey = new Map(automations.map((a) => [a.key, a]));
  const next = new Map(
    automations.map((a) => {
      const writes = writesOf(a);
      return [
        a.key,
        automations.filter((b) => writes.some((w) => triggers(w, b.trigger))).map((b) => b.key),
      ];
    }),
  );
  const reported = new Set<string>();
  const errors: AutomationDefinitionError[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (key: string): void => {
    state.set(key, 'open');
    stack.push(key);
    for (const to of next.get(key) ?? []) {
      if (state.get(to) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(to)), to];
        const id = [...new Set(cycle)].sort().join(',');
        if (!reported.has(id)) {
          reported.add(id);
          const steps = cycle
            .slice(0, -1)
            .map((k, i) => describe(byKey.get(k)!, byKey.get(cycle[i + 1]!)!));
          errors.push({
            code: 'automation_loop',
            path: '/trigger',
            cycle,
            message: `these automations would trigger each other forever: ${steps.join(' → ')} → ${to}`,
          });
        }
      } else if (!state.has(to)) {
        visit(to);
      }
    }
    stack.pop();
    state.set(key, 'done');
  };
  for (const a of automations) if (!state.has(a.key)) visit(a.key);
  return errors;
}
