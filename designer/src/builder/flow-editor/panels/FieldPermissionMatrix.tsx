import type { FieldPermission, FormDefinition } from '@liuyun/definitions';
import { Radio, Table, Typography } from 'antd';
import { useI18n } from '../../../i18n/useI18n';

const PERMISSIONS: FieldPermission[] = ['hidden', 'readonly', 'editable', 'required'];

export interface FieldPermissionMatrixProps {
  form: FormDefinition;
  value: Record<string, FieldPermission> | undefined;
  onChange: (value: Record<string, FieldPermission> | undefined) => void;
  /** CC recipients only read: editable and required make no sense there. */
  readOnlyNode?: boolean;
}

/** Per field of the form: hidden, read-only, editable or required for the task holder. */
export function FieldPermissionMatrix({
  form,
  value,
  onChange,
  readOnlyNode,
}: FieldPermissionMatrixProps) {
  const { t, text } = useI18n();
  const choices = readOnlyNode ? PERMISSIONS.slice(0, 2) : PERMISSIONS;
  const rows = form.layout
    .filter((key) => form.schema.properties[key] !== undefined)
    .map((key) => ({ key, label: text(form.schema.properties[key]?.['x-label'], key) }));

  const set = (key: string, permission: FieldPermission) => {
    const next = { ...(value ?? {}) };
    // Unlisted fields are read-only: keep the map short.
    if (permission === 'readonly') delete next[key];
    else next[key] = permission;
    onChange(Object.keys(next).length === 0 ? undefined : next);
  };

  return (
    <div data-testid="field-permissions">
      <Typography.Text strong>{t('perm.title')}</Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        style={{ marginTop: 6 }}
        columns={[
          { title: t('perm.field'), dataIndex: 'label' },
          {
            title: t('perm.access'),
            key: 'access',
            render: (_: unknown, row: { key: string; label: string }) => (
              <Radio.Group
                size="small"
                optionType="button"
                aria-label={t('perm.of', { field: row.label })}
                value={value?.[row.key] ?? 'readonly'}
                onChange={(e) => set(row.key, e.target.value as FieldPermission)}
                options={choices.map((p) => ({ value: p, label: t(`perm.${p}`) }))}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
