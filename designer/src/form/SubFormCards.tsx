import { DeleteOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Typography } from 'antd';
import { useI18n } from '../i18n/useI18n';
import { fieldId, pointer } from './field-path';
import { SubFormCell } from './SubFormCell';
import type { SubFormViewProps } from './SubFormTable';

/** 子表单 on phones: each line item a small card with its fields stacked. */
export function SubFormCards({ fieldKey, model, draft, errors }: SubFormViewProps) {
  const { t } = useI18n();
  if (model.rowCount === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('form.noRows')} />;
  }
  return (
    <Flex vertical gap={12}>
      {Array.from({ length: model.rowCount }, (_, index) => (
        <div key={index} className="subform-card">
          <Flex justify="space-between" align="center" className="subform-card-head">
            <Typography.Text strong>#{index + 1}</Typography.Text>
            <Button
              type="text"
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={`${t('form.deleteRow')} ${index + 1}`}
              onClick={() => draft.removeRow(fieldKey, index)}
            />
          </Flex>
          {model.columns.map((column) =>
            draft.outcome.isVisible(pointer(fieldKey, index, column.key)) ? (
              <div key={column.key} className="subform-card-field">
                <label
                  htmlFor={fieldId(pointer(fieldKey, index, column.key))}
                  className={column.required ? 'field-label column-required' : 'field-label'}
                >
                  {column.label}
                </label>
                <SubFormCell
                  fieldKey={fieldKey}
                  index={index}
                  column={column}
                  value={model.valueAt(index, column)}
                  draft={draft}
                  errors={errors}
                />
              </div>
            ) : null,
          )}
        </div>
      ))}
    </Flex>
  );
}
