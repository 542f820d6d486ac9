import { validateForm, type FormDefinition } from '@liuyun/definitions';
import { Alert, Form, Typography } from 'antd';
import { useMemo } from 'react';
import { FormFields } from '../../form/FormFields';
import { useRecordDraft } from '../../form/useRecordDraft';
import { useI18n } from '../../i18n/useI18n';

const NO_ERRORS: ReadonlyMap<string, string> = new Map();

function LivePreview({ form }: { form: FormDefinition }) {
  const { t, text } = useI18n();
  const draft = useRecordDraft(form);
  const errors = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of draft.outcome.errors) {
      if (e.keyword === 'submit_check' || e.keyword === 'check') continue;
      const missing = (e.params as { missingProperty?: string } | undefined)?.missingProperty;
      const path = missing ? `${e.instancePath}/${missing}` : e.instancePath;
      if (!map.has(path) && e.keyword === 'required') map.set(path, t('validation.required'));
    }
    return map;
  }, [draft.outcome.errors, t]);
  return (
    <div data-testid="form-preview">
      <Typography.Title level={4}>{text(form.name, form.key)}</Typography.Title>
      <Form layout="vertical" component="div" requiredMark>
        <FormFields form={form} draft={draft} errors={errors.size > 0 ? errors : NO_ERRORS} />
      </Form>
    </div>
  );
}

/**
 * The form filled in as staff will: the same renderer and the same rule code as the engine
 * (prepareForm), so show/hide, required-when and computed values behave as published.
 */
export function FormPreview({ form }: { form: FormDefinition }) {
  const { t } = useI18n();
  const problems = useMemo(() => validateForm(form), [form]);
  if (problems.length > 0) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('formEditor.previewBlocked')}
        description={
          <ul className="plain-list">
            {problems.map((p) => (
              <li key={`${p.code}${p.path}`}>{p.message}</li>
            ))}
          </ul>
        }
      />
    );
  }
  return <LivePreview form={form} />;
}
