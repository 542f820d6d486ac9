import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { AssigneeSpec, FormDefinition } from '@liuyun/definitions';
import { Button, Flex, InputNumber, Select, Typography } from 'antd';
import { useI18n } from '../../../i18n/useI18n';
import { useBuilderDirectory } from '../../draft/builder-directory';

type Kind = AssigneeSpec['kind'];
const KINDS: Kind[] = ['user', 'role', 'department_head', 'submitter', 'field'];

function blank(kind: Kind): AssigneeSpec {
  switch (kind) {
    case 'user':
      return { kind, username: '' };
    case 'role':
      return { kind, role: '' };
    case 'department_head':
      return { kind, levels: 1 };
    case 'submitter':
      return { kind };
    case 'field':
      return { kind, field: '' };
  }
}

export interface AssigneeListEditorProps {
  value: AssigneeSpec[];
  onChange: (value: AssigneeSpec[]) => void;
  form: FormDefinition;
  label: string;
  testId: string;
}

/** Who gets the task: people, roles, department heads, the submitter or a member field. */
export function AssigneeListEditor({
  value,
  onChange,
  form,
  label,
  testId,
}: AssigneeListEditorProps) {
  const { t, text } = useI18n();
  const directory = useBuilderDirectory();
  const set = (index: number, spec: AssigneeSpec) =>
    onChange(value.map((s, i) => (i === index ? spec : s)));
  const heads = directory.departments.filter((d) => d.head);

  const picker = (spec: AssigneeSpec, index: number) => {
    const aria = t('assignee.value', { n: index + 1 });
    switch (spec.kind) {
      case 'user':
        return (
          <Select
            aria-label={aria}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ flex: 1, minWidth: 150 }}
            placeholder={t('assignee.pickUser')}
            value={spec.username || undefined}
            options={directory.users.map((u) => ({
              value: u.username,
              label: `${u.displayName} (${u.username})`,
            }))}
            onChange={(username: string) => set(index, { kind: 'user', username })}
          />
        );
      case 'role':
        return (
          <Select
            aria-label={aria}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ flex: 1, minWidth: 150 }}
            placeholder={t('assignee.pickRole')}
            value={spec.role || undefined}
            options={directory.roles.map((r) => ({
              value: r.key,
              label: `${text(r.name, r.key)} · ${t('assignee.members', { n: r.members })}`,
            }))}
            onChange={(role: string) => set(index, { kind: 'role', role })}
          />
        );
      case 'department_head':
        return (
          <Flex gap={6} align="center" style={{ flex: 1 }}>
            <InputNumber
              aria-label={aria}
              min={1}
              max={10}
              value={spec.levels}
              onChange={(levels) => set(index, { kind: 'department_head', levels: levels ?? 1 })}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('assignee.levelsHint', {
                heads: heads.map((d) => `${d.name}: ${d.head?.displayName ?? ''}`).join(', '),
              })}
            </Typography.Text>
          </Flex>
        );
      case 'field':
        return (
          <Select
            aria-label={aria}
            style={{ flex: 1, minWidth: 150 }}
            placeholder={t('assignee.pickField')}
            value={spec.field || undefined}
            options={Object.entries(form.schema.properties).map(([key, f]) => ({
              value: key,
              label: text(f['x-label'], key),
            }))}
            onChange={(field: string) => set(index, { kind: 'field', field })}
          />
        );
      case 'submitter':
        return <span style={{ flex: 1 }} />;
    }
  };

  return (
    <div className="assignee-list" data-testid={testId} role="group" aria-label={label}>
      <Typography.Text strong>{label}</Typography.Text>
      <Flex vertical gap={8} style={{ marginTop: 6 }}>
        {value.length === 0 && (
          <Typography.Text type="secondary">{t('assignee.none')}</Typography.Text>
        )}
        {value.map((spec, index) => (
          <Flex key={index} gap={6} align="center" wrap>
            <Select
              aria-label={t('assignee.kind', { n: index + 1 })}
              style={{ width: 150 }}
              value={spec.kind}
              options={KINDS.map((k) => ({ value: k, label: t(`assignee.kind.${k}`) }))}
              onChange={(kind: Kind) => set(index, blank(kind))}
            />
            {picker(spec, index)}
            <Button
              type="text"
              icon={<DeleteOutlined />}
              aria-label={t('assignee.remove', { n: index + 1 })}
              onClick={() => onChange(value.filter((_, i) => i !== index))}
            />
          </Flex>
        ))}
        <Button
          size="small"
          icon={<PlusOutlined />}
          style={{ alignSelf: 'flex-start' }}
          onClick={() => onChange([...value, blank('role')])}
        >
          {t('assignee.add')}
        </Button>
      </Flex>
    </div>
  );
}
