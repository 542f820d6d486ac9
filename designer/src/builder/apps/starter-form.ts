import type { FormDefinition, I18nText } from '@liuyun/definitions';

/** A new form starts with one text field (a form needs at least one to be published). */
export function starterForm(key: string, name: I18nText, titleLabel: I18nText): FormDefinition {
  return {
    key,
    name,
    schema: {
      type: 'object',
      properties: { title: { type: 'string', 'x-widget': 'text', 'x-label': titleLabel } },
    },
    layout: ['title'],
  };
}
