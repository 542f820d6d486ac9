import type { UpgradeChange } from '@liuyun/client';
import type { I18nText } from '@liuyun/definitions';

/** What a change is about, for people: a field's label, a form's name, else its key. */
export function changeLabel(
  change: UpgradeChange,
  text: (t: I18nText | undefined, fallback?: string) => string,
): string {
  const side = (change.theirs ?? change.ours ?? change.base) as Record<string, unknown> | null;
  const label =
    change.kind === 'field'
      ? ((side?.schema as Record<string, unknown> | undefined)?.['x-label'] as I18nText | undefined)
      : change.kind === 'form'
        ? (side?.form as { name?: I18nText } | undefined)?.name
        : (side?.name as I18nText | undefined);
  const own = change.kind === 'setting' ? change.key : text(label, change.key);
  return change.form && change.kind !== 'form' ? `${change.form} · ${own}` : own;
}
