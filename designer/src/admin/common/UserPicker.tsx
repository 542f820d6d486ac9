import type { AdminUser } from '@liuyun/client';
import { Select } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n/useI18n';

export interface UserPickerProps {
  value?: string | null;
  onChange?: (id: string | null, user: AdminUser | null) => void;
  placeholder?: string;
  /** Leave out users who may not be picked (disabled ones for a department head). */
  activeOnly?: boolean;
  allowClear?: boolean;
  id?: string;
  'aria-label'?: string;
  testId?: string;
  style?: React.CSSProperties;
}

const label = (u: AdminUser) => `${u.displayName} (${u.username})`;

/** Picks one user, searching by username or name as you type. */
export function UserPicker({
  value,
  onChange,
  placeholder,
  activeOnly,
  allowClear = true,
  id,
  testId,
  style,
  ...aria
}: UserPickerProps) {
  const { t } = useI18n();
  const [options, setOptions] = useState<AdminUser[]>([]);
  const [loading, setLoading] = useState(false);
  const latest = useRef<AbortController | null>(null);

  const search = (text: string) => {
    latest.current?.abort();
    const controller = new AbortController();
    latest.current = controller;
    setLoading(true);
    api
      .adminUsers({ ...(text ? { search: text } : {}), limit: 20 }, controller.signal)
      .then((page) => {
        if (controller.signal.aborted) return;
        setOptions(page.items.filter((u) => !activeOnly || !u.disabled));
        setLoading(false);
      })
      .catch(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
  };

  useEffect(() => {
    search('');
    return () => latest.current?.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Show the chosen user's name even when the last search did not bring them.
  useEffect(() => {
    if (!value || options.some((o) => o.id === value)) return;
    const controller = new AbortController();
    api
      .adminUser(value, controller.signal)
      .then((u) => setOptions((list) => (list.some((o) => o.id === u.id) ? list : [u, ...list])))
      .catch(() => undefined);
    return () => controller.abort();
  }, [value, options]);

  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear={allowClear}
      value={value ?? undefined}
      placeholder={placeholder ?? t('admin.pickUser')}
      loading={loading}
      notFoundContent={loading ? t('common.loading') : t('admin.noUsers')}
      onChange={(next) => onChange?.(next ?? null, options.find((o) => o.id === next) ?? null)}
      options={options.map((u) => ({ value: u.id, label: label(u) }))}
      data-testid={testId}
      style={{ minWidth: 220, ...style }}
      aria-label={aria['aria-label']}
    />
  );
}
