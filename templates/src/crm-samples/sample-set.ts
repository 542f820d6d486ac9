import type { JsonObject, SampleProcessHistory, TemplateSampleRecord } from '@liuyun/definitions';
import type { Prng } from './prng';

/** Ids of the demo users and departments the sample records refer to (owner, department fields). */
export interface SampleDirectory {
  users: Record<string, string>;
  departments: Record<string, string>;
}

/** A sales team: the reps of a region, their manager and department. */
export interface SalesTeam {
  regions: string[];
  reps: string[];
  manager: string;
  department: string;
}

export const TEAMS: SalesTeam[] = [
  { regions: ['north', 'east'], reps: ['rep1', 'rep2'], manager: 'manager1', department: 'sales' },
  {
    regions: ['south', 'west'],
    reps: ['rep3', 'rep4'],
    manager: 'manager2',
    department: 'sales_south',
  },
];

export function teamOf(region: string): SalesTeam {
  return TEAMS.find((t) => t.regions.includes(region)) ?? TEAMS[0]!;
}

/** The records generated so far, in the order they were made. */
export class SampleSet {
  readonly records: TemplateSampleRecord[] = [];

  constructor(
    readonly rng: Prng,
    private readonly directory: SampleDirectory,
  ) {}

  userId(username: string): string {
    const id = this.directory.users[username];
    if (!id) throw new Error(`sample data: no id for the user "${username}"`);
    return id;
  }

  departmentId(key: string): string {
    const id = this.directory.departments[key];
    if (!id) throw new Error(`sample data: no id for the department "${key}"`);
    return id;
  }

  add(
    form: string,
    submittedBy: string,
    createdAt: Date,
    data: JsonObject,
    history?: SampleProcessHistory,
  ): string {
    const id = this.rng.uuid();
    const record: TemplateSampleRecord = {
      form,
      submittedBy,
      id,
      createdAt: createdAt.toISOString(),
      data,
    };
    if (history) record.history = history;
    this.records.push(record);
    return id;
  }
}
