/** The page's side of the parity spec: the harness over the package sources (Vite-bundled). */
import { missingDefaults, prepareForm } from '@liuyun/definitions';
import { evaluate } from '@liuyun/logic';
import { runParity, type Outcome, type ParityInput } from './rule-parity.harness';

export function run(input: ParityInput): Outcome[] {
  return runParity(input, { evaluate, prepareForm, missingDefaults });
}
