import type { FieldAccess, FormAction, PublishedForm } from '@liuyun/client';
import { Checkbox, Input, Radio, Select, Table, Typography } from 'antd';
import { useI18n } from '../i18n/useI18n';
import {
  emptyGrant,
  FIELD_ACCESS,
  FORM_ACTIONS,
  parseFilter,
  ROW_CHOICES,
  type GrantDraft,
  type RowChoice,
} from './permission-set.draft';

interface FormGrantTableProps {
  forms: PublishedForm[];
  grants: Record<string, GrantDraft>;
  onChange: (formKey: string, grant: GrantDraft) => void;
}

/** One row per form of the app: the actions granted, which rows, and (expanded) the fields. */
export function FormGrantTable({ forms, grants, onChange }: FormGrantTableProps) {
  const { t, text } = useI18n();
  const grantOf = (key: string) => grants[key] ?? emptyGrant();
  const toggle = (key: string, action: FormAction, on: boolean) => {
    const g = grantOf(key);
    const actions = on ? [...g.actions, action] : g.actions.filter((a) => a !== action);
    onChange(key, { ...g, actions: FORM_ACTIONS.filter((a) => actions.includes(a)) });
  };

  return (
    <Table<PublishedForm>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={forms}
      scroll={{ x: 900 }}
      data-testid="permission-grants"
      expandable={{
        expandedRowRender: (form) => (
          <FieldAccessTable
            form={form}
            grant={grantOf(form.key)}
            onChange={(g) => onChange(form.key, g)}
          />
        ),
      }}
      columns={[
        {
          title: t('perms.form'),
          key: 'form',
          fixed: 'left',
          width: 140,
          render: (_, f) => text(f.name),
        },
        ...FORM_ACTIONS.map((action) => ({
          title: t(`perms.action.${action}`),
          key: action,
          width: 70,
          align: 'center' as const,
          render: (_: unknown, f: PublishedForm) => (
            <Checkbox
              checked={grantOf(f.key).actions.includes(action)}
              onChange={(e) => toggle(f.key, action, e.target.checked)}
              aria-label={`${text(f.name)} ${t(`perms.action.${action}`)}`}
              data-testid={`grant-${f.key}-${action}`}
            />
          ),
        })),
        {
          title: t('perms.rows'),
          key: 'rows',
          width: 260,
          render: (_, f) => {
            const g = grantOf(f.key);
            const bad = g.rows === 'filter' && !parseFilter(g.filterText).ok;
            return (
              <div>
                <Select<RowChoice>
                  value={g.rows}
                  style={{ width: '100%' }}
                  onChange={(rows) => onChange(f.key, { ...g, rows })}
                  options={ROW_CHOICES.map((r) => ({ value: r, label: t(`perms.rows.${r}`) }))}
                  aria-label={`${text(f.name)} ${t('perms.rows')}`}
                  data-testid={`grant-${f.key}-rows`}
                />
                {g.rows === 'filter' && (
                  <>
                    <Input.TextArea
                      value={g.filterText}
                      autoSize={{ minRows: 2, maxRows: 8 }}
                      style={{ marginTop: 6, fontFamily: 'monospace' }}
                      placeholder={'{"==": [{"var": "owner"}, {"var": "$user.id"}]}'}
                      onChange={(e) => onChange(f.key, { ...g, filterText: e.target.value })}
                      aria-label={`${text(f.name)} ${t('perms.rows.filter')}`}
                      status={bad ? 'error' : undefined}
                      data-testid={`grant-${f.key}-filter`}
                    />
                    {bad && (
                      <Typography.Text type="danger">{t('perms.filter.notJson')}</Typography.Text>
                    )}
                  </>
                )}
              </div>
            );
          },
        },
      ]}
    />
  );
}

interface FieldAccessTableProps {
  form: PublishedForm;
  grant: GrantDraft;
  onChange: (grant: GrantDraft) => void;
}

/** Hidden, read-only or editable, per field of the form. */
function FieldAccessTable({ form, grant, onChange }: FieldAccessTableProps) {
  const { t, text } = useI18n();
  const fields = Object.entries(form.definition.schema.properties).map(([key, f]) => ({
    key,
    label: text(f['x-label'], key),
  }));
  return (
    <Table
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={fields}
      data-testid={`fields-${form.key}`}
      columns={[
        { title: t('perms.field'), dataIndex: 'label', width: 200 },
        {
          title: t('perms.fieldAccess'),
          key: 'access',
          render: (_, f) => (
            <Radio.Group
              value={grant.fields[f.key] ?? 'editable'}
              optionType="button"
              size="small"
              aria-label={`${f.label} ${t('perms.fieldAccess')}`}
              onChange={(e) =>
                onChange({
                  ...grant,
                  fields: { ...grant.fields, [f.key]: e.target.value as FieldAccess },
                })
              }
              options={FIELD_ACCESS.map((a) => ({ value: a, label: t(`perms.field.${a}`) }))}
            />
          ),
        },
      ]}
    />
  );
}
