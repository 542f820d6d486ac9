/**
 * The two CRM operators Liuyun adds (`sum`, `round`), written for the baselines so that
 * json-logic-js and json-logic-engine compute exactly what @liuyun/logic computes. The
 * benchmarks assert equal outputs before timing anything.
 */

/** `{"sum":[list, field?]}`: only finite numbers count. */
export function sumOf(list: unknown, field?: unknown): number {
  if (!Array.isArray(list)) return 0;
  let total = 0;
  for (const item of list as unknown[]) {
    const value =
      field === undefined || field === null
        ? item
        : typeof item === 'object' && item !== null && Object.hasOwn(item, String(field))
          ? (item as Record<string, unknown>)[String(field)]
          : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) total += value;
  }
  return total;
}

/** `{"round":[x, digits=0]}`: half away from zero after dropping float noise; not finite → null. */
export function roundOf(input: unknown, digitsInput?: unknown): number | null {
  const value = Number(input);
  if (!Number.isFinite(value)) return null;
  const places = Math.max(-15, Math.min(15, Math.trunc(Number(digitsInput ?? 0)) || 0));
  if (places >= 0 && Number.isInteger(value)) return value === 0 ? 0 : value;
  const factor = 10 ** Math.abs(places);
  const magnitude = Math.abs(value);
  const scaled = places >= 0 ? magnitude * factor : magnitude / factor;
  if (!Number.isFinite(scaled)) return value;
  const whole = Math.round(Number(scaled.toPrecision(15)));
  const rounded = places >= 0 ? whole / factor : whole * factor;
  const signed = value < 0 ? -rounded : rounded;
  return signed === 0 ? 0 : signed;
}
