import type { LookupDepartment, LookupRole, LookupUser } from '@liuyun/client';
import { createContext, useContext } from 'react';

/** The organisation the pickers offer (loaded once per builder page). */
export interface BuilderDirectory {
  users: LookupUser[];
  roles: LookupRole[];
  departments: LookupDepartment[];
}

export const emptyDirectory: BuilderDirectory = { users: [], roles: [], departments: [] };

export const BuilderDirectoryContext = createContext<BuilderDirectory>(emptyDirectory);

export const useBuilderDirectory = (): BuilderDirectory => useContext(BuilderDirectoryContext);
