import type { JsonObject } from '@liuyun/definitions';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { fieldsApi, type LinkCandidate } from '../../api/fields.api';
import { useI18n } from '../../i18n/useI18n';
import { useFieldEnvironment } from '../field-context';
import type { WidgetProps } from './widget.types';

/** Linked record (关联数据): pick a record of another form; `onCopy` fills the copied fields. */
export function LinkedRecordInput(props: WidgetProps & { onCopy: (values: JsonObject) => void }) {
  const { fieldPath, id, value, onChange, invalid, ariaLabel, onCopy } = props;
  const { t } = useI18n();
  const { formId } = useFieldEnvironment();
  const [items, setItems] = useState<LinkCandidate[]>([]);
  const [search, setSearch] = useState('');
  useEffect(() => {
    if (formId === null) return;
    let live = true;
    fieldsApi.candidates(formId, fieldPath, search || undefined).then(
      (next) => live && setItems(next),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [formId, fieldPath, search]);
  return (
    <Select<string>
      id={id}
      allowClear
      status={invalid ? 'error' : undefined}
      aria-label={ariaLabel}
      placeholder={t('form.pickRecord')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={typeof value === 'string' ? value : undefined}
      options={items.map((c) => ({ value: c.id, label: String(c.display ?? c.id) }))}
      onChange={(next) => {
        onChange(next ?? undefined);
        const picked = items.find((c) => c.id === next);
        if (picked) onCopy(picked.copy);
      }}
      style={{ width: '100%' }}
    />
  );
}
