import type { CreateRecordSettings } from '@liuyun/definitions';
import { Form, Radio } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../../../i18n/useI18n';
import { JsonEditor } from '../JsonEditor';
import { asObject, withOptional } from './optional-setting';

export interface WriteRecordSettingsProps {
  value: CreateRecordSettings;
  onChange: (next: CreateRecordSettings, key: string) => void;
  /** The picker of the target form (a select of the app's forms, or a key input). */
  targetForm: ReactNode;
  /** Shown under the `set` editor: which fields the rules may read. */
  setHint?: string;
}

/**
 * Writing records of another form — a flow's create/update step and an automation's
 * action share it: the target form, create/update/upsert, the match filter, the values.
 */
export function WriteRecordSettings({
  value: s,
  onChange,
  targetForm,
  setHint,
}: WriteRecordSettingsProps) {
  const { t } = useI18n();
  return (
    <>
      {targetForm}
      <Form.Item label={t('inspector.writeMode')}>
        <Radio.Group
          value={s.mode}
          onChange={(e) => onChange({ ...s, mode: e.target.value as typeof s.mode }, 'mode')}
          options={(['create', 'update', 'upsert'] as const).map((m) => ({
            value: m,
            label: t(`inspector.write.${m}`),
          }))}
        />
      </Form.Item>
      {s.mode !== 'create' && (
        <JsonEditor
          label={t('inspector.match')}
          value={s.match}
          onChange={(match) => onChange(withOptional(s, 'match', match), 'match')}
        />
      )}
      <JsonEditor
        label={t('inspector.set')}
        {...(setHint !== undefined ? { hint: setHint } : {})}
        value={s.set}
        onChange={(v) => onChange({ ...s, set: asObject(v) }, 'set')}
      />
    </>
  );
}
