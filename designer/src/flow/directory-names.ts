import { createContext, useContext } from 'react';

/** How the canvas names people and roles; without a directory it shows their keys. */
export interface DirectoryNames {
  userName: (username: string) => string;
  roleName: (roleKey: string) => string;
}

const keysOnly: DirectoryNames = { userName: (u) => u, roleName: (r) => r };

export const DirectoryNamesContext = createContext<DirectoryNames>(keysOnly);

export const useDirectoryNames = (): DirectoryNames => useContext(DirectoryNamesContext);
