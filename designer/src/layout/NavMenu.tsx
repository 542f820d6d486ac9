import { Menu } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/useAuth';
import { useI18n } from '../i18n/useI18n';
import { currentEntry, navigation, navSections } from './navigation';

/** The side menu: the entries of {@link navigation} this user may see, by section. */
export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  if (!user) return null;

  const entries = navigation.filter((e) => e.visible?.(user) ?? true);
  const current = currentEntry(entries, location.pathname);
  const items: ItemType[] = navSections
    .map((section) => ({
      section,
      children: entries.filter((e) => e.section === section.key),
    }))
    .filter((group) => group.children.length > 0)
    .map(({ section, children }) => ({
      type: 'group' as const,
      key: `section-${section.key}`,
      label: t(section.label),
      children: children.map((e) => ({
        key: e.key,
        icon: e.icon,
        label: <span data-testid={`nav-${e.key}`}>{t(e.label)}</span>,
      })),
    }));

  return (
    <Menu
      mode="inline"
      className="nav-menu"
      selectedKeys={current ? [current.key] : []}
      items={items}
      onClick={({ key }) => {
        const entry = entries.find((e) => e.key === key);
        if (!entry) return;
        navigate(entry.path);
        onNavigate?.();
      }}
    />
  );
}
