import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { JsonLogicRule, JsonValue } from '@liuyun/definitions';
import { checkRule } from '@liuyun/logic';
import { Alert, Button, Flex, Input, InputNumber, Segmented, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import type { RuleField } from './rule-fields';
import {
  RULE_OPERATORS,
  UNARY_OPERATORS,
  groupToLogic,
  logicToGroup,
  type RuleCondition,
  type RuleGroup,
  type RuleOperator,
} from './rule-model';

export interface RuleEditorProps {
  value: JsonLogicRule | undefined;
  /** `undefined` when the rule was cleared. */
  onChange: (rule: JsonLogicRule | undefined) => void;
  fields: RuleField[];
  /** Names the editor for screen readers and tests (`rule-<id>`). */
  id: string;
  label: string;
}

const isNumeric = (f: RuleField | undefined) => f?.type === 'number' || f?.type === 'integer';

/**
 * A condition built from rows (field, comparison, value) joined by all/any, or written as
 * raw JSON Logic. Rules the rows cannot express open in JSON.
 */
export function RuleEditor({ value, onChange, fields, id, label }: RuleEditorProps) {
  const { t, text } = useI18n();
  const group = logicToGroup(value);
  const [mode, setMode] = useState<'visual' | 'json'>(group ? 'visual' : 'json');
  const [draft, setDraft] = useState(() =>
    value === undefined ? '' : JSON.stringify(value, null, 2),
  );
  const [problem, setProblem] = useState<string | null>(null);

  // Another change of the rule (undo, the other mode) shows in the JSON text.
  useEffect(() => {
    setDraft((current) => {
      try {
        if (JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        // Unparseable text is being typed: replaced only by a real change of the rule.
      }
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    });
  }, [value]);

  const emit = (next: RuleGroup) =>
    onChange(next.conditions.length === 0 ? undefined : groupToLogic(next));

  const onJson = (textValue: string) => {
    setDraft(textValue);
    if (textValue.trim() === '') {
      setProblem(null);
      onChange(undefined);
      return;
    }
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(textValue) as JsonValue;
    } catch {
      setProblem(t('rules.jsonInvalid'));
      return;
    }
    const issues = checkRule(parsed, { fields: fields.map((f) => f.key) });
    if (issues.length > 0) {
      setProblem(issues.map((i) => i.message).join('; '));
      return;
    }
    setProblem(null);
    onChange(parsed);
  };

  const setCondition = (index: number, change: Partial<RuleCondition>) => {
    if (!group) return;
    const conditions = group.conditions.map((c, i) => (i === index ? { ...c, ...change } : c));
    emit({ ...group, conditions });
  };

  const valueInput = (c: RuleCondition, index: number) => {
    if (UNARY_OPERATORS.includes(c.op)) return null;
    const field = fields.find((f) => f.key === c.field);
    const aria = t('rules.value', { n: index + 1 });
    if (field?.options) {
      return (
        <Select
          aria-label={aria}
          mode={c.op === 'in' ? 'multiple' : undefined}
          style={{ minWidth: 140, flex: 1 }}
          value={c.value as never}
          options={field.options.map((o) => ({ value: o.value as string, label: text(o.label) }))}
          onChange={(v: JsonValue) => setCondition(index, { value: v })}
        />
      );
    }
    if (c.op === 'in') {
      return (
        <Select
          aria-label={aria}
          mode="tags"
          style={{ minWidth: 140, flex: 1 }}
          value={(Array.isArray(c.value) ? c.value : []) as string[]}
          onChange={(v: string[]) =>
            setCondition(index, { value: isNumeric(field) ? v.map(Number) : v })
          }
        />
      );
    }
    if (isNumeric(field)) {
      return (
        <InputNumber
          aria-label={aria}
          style={{ width: 120 }}
          value={typeof c.value === 'number' ? c.value : null}
          onChange={(v) => setCondition(index, { value: v ?? 0 })}
        />
      );
    }
    return (
      <Input
        aria-label={aria}
        style={{ minWidth: 120, flex: 1 }}
        value={c.value === undefined || c.value === null ? '' : String(c.value)}
        onChange={(e) => setCondition(index, { value: e.target.value })}
      />
    );
  };

  return (
    <div className="rule-editor" data-testid={`rule-${id}`} role="group" aria-label={label}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Text strong>{label}</Typography.Text>
        <Segmented
          size="small"
          value={mode}
          onChange={(m) => setMode(m as 'visual' | 'json')}
          options={[
            { value: 'visual', label: t('rules.visual'), disabled: group === null },
            { value: 'json', label: t('rules.json') },
          ]}
        />
      </Flex>
      {mode === 'visual' && group ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          {group.conditions.length > 1 && (
            <Select
              aria-label={t('rules.combinator')}
              size="small"
              style={{ width: 180 }}
              value={group.combinator}
              onChange={(combinator) => emit({ ...group, combinator })}
              options={[
                { value: 'and', label: t('rules.all') },
                { value: 'or', label: t('rules.any') },
              ]}
            />
          )}
          {group.conditions.map((c, index) => (
            <Flex key={index} gap={6} wrap align="center" className="rule-row">
              <Select
                aria-label={t('rules.field', { n: index + 1 })}
                style={{ minWidth: 140, flex: 1 }}
                value={c.field || undefined}
                placeholder={t('rules.pickField')}
                showSearch={{ optionFilterProp: 'label' }}
                options={fields.map((f) => ({ value: f.key, label: text(f.label, f.key) }))}
                onChange={(field: string) => setCondition(index, { field, value: undefined })}
              />
              <Select
                aria-label={t('rules.operator', { n: index + 1 })}
                style={{ width: 130 }}
                value={c.op}
                options={RULE_OPERATORS.map((op) => ({ value: op, label: t(`rules.op.${op}`) }))}
                onChange={(op: RuleOperator) =>
                  setCondition(index, {
                    op,
                    value: op === 'in' ? [] : UNARY_OPERATORS.includes(op) ? undefined : c.value,
                  })
                }
              />
              {valueInput(c, index)}
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('rules.remove', { n: index + 1 })}
                onClick={() =>
                  emit({ ...group, conditions: group.conditions.filter((_, i) => i !== index) })
                }
              />
            </Flex>
          ))}
          <Button
            size="small"
            icon={<PlusOutlined />}
            style={{ alignSelf: 'flex-start' }}
            disabled={fields.length === 0}
            onClick={() =>
              emit({
                ...group,
                conditions: [
                  ...group.conditions,
                  { field: fields[0]?.key ?? '', op: '==', value: '' },
                ],
              })
            }
          >
            {t('rules.add')}
          </Button>
        </Flex>
      ) : (
        <Flex vertical gap={6} style={{ marginTop: 8 }}>
          {group === null && value !== undefined && (
            <Typography.Text type="secondary">{t('rules.jsonOnly')}</Typography.Text>
          )}
          <Input.TextArea
            aria-label={t('rules.jsonLabel', { label })}
            className="code-input"
            autoSize={{ minRows: 3, maxRows: 12 }}
            value={draft}
            placeholder='{"==": [{"var": "field"}, "value"]}'
            status={problem ? 'error' : undefined}
            onChange={(e) => onJson(e.target.value)}
          />
          {problem && <Alert type="error" showIcon title={problem} />}
        </Flex>
      )}
    </div>
  );
}
