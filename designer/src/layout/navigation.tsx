import { AppstoreOutlined, HomeOutlined } from '@ant-design/icons';
import type { User } from '@liuyun/client';
import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/messages';

/** The three modes of the app: staff work, building apps, administering them. */
export type NavSection = 'workspace' | 'builder' | 'admin';

export const navSections: { key: NavSection; label: MessageKey }[] = [
  { key: 'workspace', label: 'nav.section.workspace' },
  { key: 'builder', label: 'nav.section.builder' },
  { key: 'admin', label: 'nav.section.admin' },
];

/** One entry of the side menu. */
export interface NavEntry {
  /** Unique; also the menu key and the `nav-<key>` test id. */
  key: string;
  /** The route it opens; it is marked current on this path and below. */
  path: string;
  label: MessageKey;
  icon: ReactNode;
  section: NavSection;
  /** Who sees the entry (the routes check permissions again on the server). */
  visible?: (user: User) => boolean;
}

export const isAdmin = (user: User): boolean => user.isAdmin;

/**
 * Every page reachable from the menu. A new page adds one entry here and one route in
 * App.tsx; the shell groups entries by section and hides empty sections.
 */
export const navigation: NavEntry[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: <HomeOutlined />, section: 'workspace' },
  // Building is admin-only on the server until per-app builder permissions exist.
  {
    key: 'build',
    path: '/build',
    label: 'nav.build',
    icon: <AppstoreOutlined />,
    section: 'builder',
    visible: isAdmin,
  },
];

/** The entry whose path is the longest prefix of the current location. */
export function currentEntry(entries: NavEntry[], pathname: string): NavEntry | undefined {
  return entries
    .filter((e) =>
      e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
