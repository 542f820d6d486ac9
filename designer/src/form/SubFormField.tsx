import { PlusOutlined } from '@ant-design/icons';
import type { FieldSchema } from '@liuyun/definitions';
import { Button, Grid } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { subFormModel } from './subform-model';
import { SubFormCards } from './SubFormCards';
import { SubFormTable } from './SubFormTable';
import type { RecordDraft } from './useRecordDraft';

export interface SubFormFieldProps {
  fieldKey: string;
  field: FieldSchema;
  draft: RecordDraft;
  errors: ReadonlyMap<string, string>;
}

/** A sub-form: a table where there is room, cards on a phone; rows added and removed here. */
export function SubFormField({ fieldKey, field, draft, errors }: SubFormFieldProps) {
  const { t, language } = useI18n();
  const wide = Grid.useBreakpoint().md !== false;
  const model = subFormModel(fieldKey, field, draft, language);
  const View = wide ? SubFormTable : SubFormCards;

  return (
    <div className="subform">
      <View fieldKey={fieldKey} model={model} draft={draft} errors={errors} />
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={() => draft.addRow(fieldKey)}
        disabled={!model.canAdd}
        style={{ marginTop: 8 }}
      >
        {t('form.addRow')}
      </Button>
    </div>
  );
}
