import type { FlowDefinition, FormDefinition } from '@liuyun/definitions';

/** What the builder edits for one form: its definition and its flow, saved and published together. */
export interface BuilderDoc {
  definition: FormDefinition;
  flow: FlowDefinition | null;
}
