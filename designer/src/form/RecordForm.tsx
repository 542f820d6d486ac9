import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, type PublishedForm, type ValidationDetail } from '@liuyun/client';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';
import { getIn } from './draft-update';
import { errorPath, fieldId } from './field-path';
import { isPlacedPath } from './field-placement';
import { FormFields } from './FormFields';
import { FieldContext } from './field-context';
import { useLinkage } from './useLinkage';
import { useRecordDraft } from './useRecordDraft';
import { validationMessage } from './validation-message';

interface ServerError {
  path: string;
  detail: ValidationDetail;
  /** The input at `path` when the server answered: the error goes away once it changes. */
  valueThen: string;
}

/** A new record of a published form: live rules, then POST, then off to the record page. */
export function RecordForm({ published }: { published: PublishedForm }) {
  const { t, text, language } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const draft = useRecordDraft(published.definition);
  useLinkage(published.definition, published.id, draft);
  const environment = useMemo(() => ({ formId: published.id }), [published.id]);
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [serverErrors, setServerErrors] = useState<ServerError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const errors = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of serverErrors) {
      if (JSON.stringify(getIn(draft.input, e.path)) === e.valueThen && !map.has(e.path)) {
        map.set(e.path, validationMessage(e.detail, { t, language }));
      }
    }
    if (attempted) {
      for (const d of draft.outcome.errors) {
        const path = errorPath(d.instancePath, d.keyword, d.params);
        if (!map.has(path)) map.set(path, validationMessage(d, { t, language }));
      }
    }
    return map;
  }, [serverErrors, attempted, draft.input, draft.outcome.errors, t, language]);

  const focusFirstError = (paths: string[]) => {
    const first = paths[0];
    if (first === undefined) return;
    const target = document.getElementById(fieldId(first));
    target?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    target?.focus({ preventScroll: true });
  };

  const onSubmit = async () => {
    setAttempted(true);
    setFailure(null);
    if (draft.outcome.errors.length > 0) {
      void message.error(t('form.invalid'));
      focusFirstError(
        draft.outcome.errors.map((d) => errorPath(d.instancePath, d.keyword, d.params)),
      );
      return;
    }
    setSubmitting(true);
    try {
      const record = await api.submitRecord(published.id, draft.outcome.data);
      void message.success(t('form.submitted'));
      navigate(`/records/${encodeURIComponent(record.id)}`);
    } catch (error) {
      if (error instanceof ApiError && error.details.length > 0) {
        const mapped = error.details.map((d) => {
          const path = errorPath(d.instancePath, d.keyword, d.params);
          return {
            path,
            detail: d,
            valueThen: JSON.stringify(getIn(draft.input, path)),
          };
        });
        setServerErrors(mapped);
        setFailure(t('form.serverInvalid'));
        focusFirstError(mapped.map((e) => e.path));
      } else {
        setFailure(describeError(error, t));
      }
    } finally {
      setSubmitting(false);
    }
  };

  // Server errors that point at no field on screen are listed in the banner instead.
  const unplaced = serverErrors.filter(
    (e) => !isPlacedPath(published.definition, draft.outcome, e.path),
  );

  return (
    <Card className="panel form-card">
      <Flex vertical gap={4} style={{ marginBottom: 20 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {text(published.name, published.key)}
        </Typography.Title>
      </Flex>
      {failure && (
        <Alert
          type="error"
          showIcon
          title={failure}
          description={
            unplaced.length > 0 ? (
              <ul className="plain-list">
                {unplaced.map((e) => (
                  <li key={`${e.path}:${e.detail.keyword}`}>
                    {validationMessage(e.detail, { t, language })}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 20 }}
          data-testid="form-error"
        />
      )}
      <FieldContext.Provider value={environment}>
        <Form layout="vertical" component="div" requiredMark>
          <FormFields form={published.definition} draft={draft} errors={errors} />
        </Form>
      </FieldContext.Provider>
      <Flex justify="flex-end" gap={12} className="form-actions">
        <Button onClick={() => navigate(-1)}>{t('form.cancel')}</Button>
        <Button type="primary" icon={<SendOutlined />} loading={submitting} onClick={onSubmit}>
          {submitting ? t('form.submitting') : t('form.submit')}
        </Button>
      </Flex>
    </Card>
  );
}
