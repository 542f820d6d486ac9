import type { JsonValue } from '@liuyun/definitions';
import { Alert, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/useI18n';

export interface JsonEditorProps {
  label: string;
  value: JsonValue | undefined;
  /** Called with each parseable text; `undefined` when cleared. */
  onChange: (value: JsonValue | undefined) => void;
  hint?: string;
  testId?: string;
}

/** A JSON value typed as text (field → rule maps, bodies); kept while it does not parse. */
export function JsonEditor({ label, value, onChange, hint, testId }: JsonEditorProps) {
  const { t } = useI18n();
  const pretty = value === undefined ? '' : JSON.stringify(value, null, 2);
  const [draft, setDraft] = useState(pretty);
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setDraft((current) => {
      try {
        if (JSON.stringify(JSON.parse(current)) === JSON.stringify(value)) return current;
      } catch {
        // keep what is being typed
      }
      return value === undefined ? '' : JSON.stringify(value, null, 2);
    });
  }, [value]);
  return (
    <div data-testid={testId}>
      <Typography.Text strong>{label}</Typography.Text>
      {hint && (
        <Typography.Paragraph type="secondary" style={{ margin: '2px 0 6px', fontSize: 12 }}>
          {hint}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        aria-label={label}
        className="code-input"
        autoSize={{ minRows: 3, maxRows: 14 }}
        value={draft}
        status={bad ? 'error' : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          if (e.target.value.trim() === '') {
            setBad(false);
            onChange(undefined);
            return;
          }
          try {
            const parsed = JSON.parse(e.target.value) as JsonValue;
            setBad(false);
            onChange(parsed);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && (
        <Alert type="error" showIcon title={t('rules.jsonInvalid')} style={{ marginTop: 6 }} />
      )}
    </div>
  );
}
