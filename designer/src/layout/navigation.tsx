import { AlertOutlined } from '@ant-design/icons';
import { DashboardOutlined } from '@ant-design/icons';
import { HomeOutlined } from '@ant-design/icons';
import { AppstoreAddOutlined } from '@ant-design/icons';
import { BarChartOutlined } from '@ant-design/icons';
import { AppstoreOutlined } from '@ant-design/icons';
import { SafetyOutlined } from '@ant-design/icons';
import { UserOutlined } from '@ant-design/icons';
import { ApartmentOutlined } from '@ant-design/icons';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { CalendarOutlined } from '@ant-design/icons';
import { AuditOutlined } from '@ant-design/icons';
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

const entry =
  (section: NavSection, visible?: (user: User) => boolean) =>
  (key: string, path: string, label: MessageKey, icon: ReactNode): NavEntry => ({
    key,
    path,
    label,
    icon,
    section,
    ...(visible ? { visible } : {}),
  });
/** Staff pages, for everyone signed in. */
export const workspace = entry('workspace');
/** Building apps (the server checks builder permissions again). */
export const builder = entry('builder', isAdmin);
/** Administration, for administrators. */
export const admin = entry('admin', isAdmin);

/**
 * Every page reachable from the menu, one line each (icons imported one per line above),
 * so branches that add pages merge cleanly (union merge). A page also needs its route in
 * pages.routes.ts. The shell groups entries by section and hides empty sections.
 */
export const navigation: NavEntry[] = [
  workspace('home', '/', 'nav.home', <HomeOutlined />),
  admin('operations', '/admin/operations', 'nav.operations', <DashboardOutlined />),
  admin('incidents', '/admin/incidents', 'nav.incidents', <AlertOutlined />),
  workspace('dashboards', '/dashboards', 'nav.dashboards', <BarChartOutlined />),
  admin('templates', '/admin/templates', 'nav.templates', <AppstoreAddOutlined />),
  builder('build', '/build', 'nav.build', <AppstoreOutlined />),
  admin('permissions', '/admin/permissions', 'nav.permissions', <SafetyOutlined />),
  admin('users', '/admin/users', 'nav.users', <UserOutlined />),
  admin('departments', '/admin/departments', 'nav.departments', <ApartmentOutlined />),
  admin('roles', '/admin/roles', 'nav.roles', <SafetyCertificateOutlined />),
  admin('calendar', '/admin/calendar', 'nav.calendar', <CalendarOutlined />),
  admin('audit', '/admin/audit', 'nav.audit', <AuditOutlined />),
];

/** The entry whose path is the longest prefix of the current location. */
export function currentEntry(entries: NavEntry[], pathname: string): NavEntry | undefined {
  return entries
    .filter((e) =>
      e.path === '/' ? pathname === '/' : pathname === e.path || pathname.startsWith(`${e.path}/`),
    )
    .sort((a, b) => b.path.length - a.path.length)[0];
}
