import type { I18nValue } from '../../i18n/i18n.context';
import { en, type MessageKey } from '../../i18n/messages';

/** A widget's name; a widget the catalogue gained before the texts did shows its key. */
export function widgetLabel(widget: string, t: I18nValue['t']): string {
  const key = `widget.${widget}`;
  return key in en ? t(key as MessageKey) : widget;
}
