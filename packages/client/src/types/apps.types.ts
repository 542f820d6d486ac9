import type { FlowDefinition, FormDefinition, I18nText } from '@liuyun/definitions';

export interface FormSummary {
  id: string;
  key: string;
  name: I18nText;
}

export interface AppSummary {
  id: string;
  key: string;
  name: I18nText;
  description?: I18nText | null;
  forms: FormSummary[];
}

export interface PublishedForm {
  id: string;
  key: string;
  appKey: string;
  name: I18nText;
  version: number;
  definition: FormDefinition;
  flow: FlowDefinition | null;
  /** Fields the caller's permission sets hide or make read-only (others: editable). */
  access?: { fields: Record<string, 'hidden' | 'readonly'> };
}
