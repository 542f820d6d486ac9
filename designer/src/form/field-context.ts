import { createContext, useContext } from 'react';

/** What field widgets need beyond their value: the published form they belong to. */
export interface FieldEnvironment {
  formId: string | null;
}

export const FieldContext = createContext<FieldEnvironment>({ formId: null });

export function useFieldEnvironment(): FieldEnvironment {
  return useContext(FieldContext);
}
