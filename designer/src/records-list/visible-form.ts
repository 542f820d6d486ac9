import type { PublishedForm } from '@liuyun/client';

/** The form as the signed-in user may see it: fields their permission sets hide left out. */
export function visibleForm(published: PublishedForm): PublishedForm {
  const hidden = Object.entries(published.access?.fields ?? {})
    .filter(([, a]) => a === 'hidden')
    .map(([k]) => k);
  if (hidden.length === 0) return published;
  const properties = Object.fromEntries(
    Object.entries(published.definition.schema.properties).filter(([k]) => !hidden.includes(k)),
  );
  return {
    ...published,
    definition: {
      ...published.definition,
      schema: { ...published.definition.schema, properties },
    },
  };
}
