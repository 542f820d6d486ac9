/**
 * One area's texts in both languages. The English keys are the contract: the Chinese
 * object must have exactly the same keys (checked by the type).
 */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  zh: { [K in keyof E]: string },
): { en: { [K in keyof E]: string }; zh: { [K in keyof E]: string } } {
  return { en, zh };
}
