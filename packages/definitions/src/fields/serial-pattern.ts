/**
 * Serial number patterns (流水号): literal text with `{YYYY}`, `{YY}`, `{MM}`, `{DD}` and
 * exactly one `{seq:N}` (the sequence, zero-padded to N digits). Pure: the engine keeps
 * the counters; this turns a pattern, a date and a sequence number into the text.
 */
import type { SerialSpec } from '../types';

const TOKEN = /\{(YYYY|YY|MM|DD|seq:(\d{1,2}))\}/g;

/** The period a counter belongs to: '' (never reset), '2025', '2025-03' or '2025-03-07'. */
export function serialPeriod(spec: SerialSpec, isoDay: string): string {
  switch (spec.reset ?? 'never') {
    case 'yearly':
      return isoDay.slice(0, 4);
    case 'monthly':
      return isoDay.slice(0, 7);
    case 'daily':
      return isoDay.slice(0, 10);
    default:
      return '';
  }
}

/** The serial number for the `sequence`-th record of its period on `isoDay` (YYYY-MM-DD). */
export function formatSerial(spec: SerialSpec, isoDay: string, sequence: number): string {
  return spec.pattern.replace(TOKEN, (_all, token: string, digits: string | undefined) => {
    if (digits !== undefined) return String(sequence).padStart(Number(digits), '0');
    if (token === 'YYYY') return isoDay.slice(0, 4);
    if (token === 'YY') return isoDay.slice(2, 4);
    if (token === 'MM') return isoDay.slice(5, 7);
    return isoDay.slice(8, 10);
  });
}

/**
 * What is wrong with a pattern, or null. The numbers must stay unique: a pattern that
 * resets yearly needs the year in it, monthly the year and month, daily the full date.
 */
export function serialPatternProblem(spec: SerialSpec): string | null {
  const tokens = [...spec.pattern.matchAll(TOKEN)].map((m) => m[1] ?? '');
  const seq = tokens.filter((t) => t.startsWith('seq:'));
  if (seq.length !== 1) return 'the pattern needs exactly one {seq:N} (N = 1 to 12 digits)';
  const digits = Number(seq[0]?.slice(4));
  if (!(digits >= 1 && digits <= 12)) return '{seq:N} takes 1 to 12 digits';
  const stray = spec.pattern.replace(TOKEN, '');
  if (/[{}]/.test(stray)) return 'unknown token: use {YYYY}, {YY}, {MM}, {DD} and {seq:N}';
  const year = tokens.includes('YYYY') || tokens.includes('YY');
  const reset = spec.reset ?? 'never';
  if (reset === 'yearly' && !year) return 'a yearly reset needs {YYYY} or {YY} in the pattern';
  if (reset === 'monthly' && !(year && tokens.includes('MM')))
    return 'a monthly reset needs the year and {MM} in the pattern';
  if (reset === 'daily' && !(year && tokens.includes('MM') && tokens.includes('DD')))
    return 'a daily reset needs the year, {MM} and {DD} in the pattern';
  return null;
}
