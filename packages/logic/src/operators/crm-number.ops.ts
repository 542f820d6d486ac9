/** Money-safe rounding: `{"round":[x, digits]}`, half away from zero, immune to float noise. */
import { toNumber } from '../coercion';
import { argAt, type Evaluator, type OperatorSpec } from '../compiler.types';

/** More digits than a double holds are meaningless; fewer than -15 round everything to 0. */
const MAX_DIGITS = 15;

/** Significant digits kept before rounding: drops the binary noise of e.g. 1.005 × 100 or 0.1 + 0.2. */
const CLEAN_PRECISION = 15;

/**
 * Rounds half away from zero at `digits` decimals (negative digits round to tens,
 * hundreds, ...). Not a finite number → null.
 */
export function roundHalfAwayFromZero(value: number, digits: number): number | null {
  if (!Number.isFinite(value)) return null;
  const places = Math.max(-MAX_DIGITS, Math.min(MAX_DIGITS, Math.trunc(digits) || 0));
  // Integers need no cleaning (and may carry more digits than CLEAN_PRECISION keeps).
  if (places >= 0 && Number.isInteger(value)) return value === 0 ? 0 : value;
  // Powers of ten up to 1e15 are exact, so scaling adds at most one rounding error,
  // which re-reading at 15 significant digits removes (1.005 × 100 = 100.49999999999999 → 100.5).
  const factor = 10 ** Math.abs(places);
  const magnitude = Math.abs(value);
  const scaled = places >= 0 ? magnitude * factor : magnitude / factor;
  if (!Number.isFinite(scaled)) return value;
  const whole = Math.round(Number(scaled.toPrecision(CLEAN_PRECISION)));
  // Dividing an exact integer by an exact power of ten yields the double nearest the decimal.
  const rounded = places >= 0 ? whole / factor : whole * factor;
  const signed = value < 0 ? -rounded : rounded;
  // Never hand out -0: it prints as 0 but compares differently in tests and maps.
  return signed === 0 ? 0 : signed;
}

function compileRound(args: readonly Evaluator[]): Evaluator {
  const valueRule = argAt(args, 0);
  const digitsRule = args[1];
  if (digitsRule === undefined)
    return (data) => roundHalfAwayFromZero(toNumber(valueRule(data)), 0);
  return (data) => roundHalfAwayFromZero(toNumber(valueRule(data)), toNumber(digitsRule(data)));
}

/** Number operators. */
export const crmNumberOperators: readonly OperatorSpec[] = [
  { name: 'round', minArgs: 1, maxArgs: 2, compile: compileRound },
];
