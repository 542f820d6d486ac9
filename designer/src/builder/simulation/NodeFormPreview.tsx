import type { FlowNode, FormDefinition, JsonObject } from '@liuyun/definitions';
import { Descriptions, Divider, Form, Typography } from 'antd';
import { useMemo } from 'react';
import { ErrorBoundary } from '../../common/ErrorBoundary';
import { FormFields } from '../../form/FormFields';
import { useRecordDraft } from '../../form/useRecordDraft';
import { useI18n } from '../../i18n/useI18n';
import { viewAtNode } from './preview-definition';

const NO_ERRORS: ReadonlyMap<string, string> = new Map();

function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function Fields({ view, data }: { view: ReturnType<typeof viewAtNode>; data: JsonObject }) {
  const { t, text } = useI18n();
  const draft = useRecordDraft(view.form, data);
  const visible = view.readOnly.filter((key) => draft.outcome.isVisible(`/${key}`));
  return (
    <>
      {visible.length > 0 && (
        <Descriptions
          size="small"
          column={2}
          bordered
          title={t('preview.readOnly')}
          data-testid="preview-readonly"
        >
          {visible.map((key) => (
            <Descriptions.Item
              key={key}
              label={text(view.form.schema.properties[key]?.['x-label'], key)}
            >
              {shown(draft.outcome.data[key] ?? data[key])}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      {view.editable.length > 0 ? (
        <>
          <Divider titlePlacement="start" plain>
            {t('preview.editable')}
          </Divider>
          <Form layout="vertical" component="div" requiredMark data-testid="preview-editable">
            <FormFields
              form={{ ...view.form, layout: view.editable }}
              draft={draft}
              errors={NO_ERRORS}
            />
          </Form>
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('preview.nothingEditable')}
        </Typography.Paragraph>
      )}
    </>
  );
}

/** The form as the task holder at `node` sees it, filled with the sample data (field permissions applied). */
export function NodeFormPreview({
  form,
  node,
  data,
}: {
  form: FormDefinition;
  node: FlowNode | undefined;
  data: JsonObject;
}) {
  const { t } = useI18n();
  const view = useMemo(() => viewAtNode(form, node), [form, node]);
  return (
    <ErrorBoundary
      fallback={() => <Typography.Text type="danger">{t('preview.invalidForm')}</Typography.Text>}
    >
      <Fields view={view} data={data} />
    </ErrorBoundary>
  );
}
