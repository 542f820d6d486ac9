import type { I18nText } from '@liuyun/definitions';
import { Alert, App, Button, Card, Flex } from 'antd';
import { ApiError, type RecordButton } from '@liuyun/client';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useQuery } from '../common/useQuery';
import { useI18n } from '../i18n/useI18n';

function isI18nText(value: unknown): value is I18nText {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as I18nText).zh === 'string' &&
    typeof (value as I18nText).en === 'string'
  );
}

/** The refusal's own words in both languages (the engine sends them in the details). */
function refusalText(error: ApiError): I18nText | null {
  for (const detail of error.details) {
    if (detail.keyword !== 'refusal') continue;
    const message = (detail.params as Record<string, unknown> | undefined)?.message;
    if (isI18nText(message)) return message;
  }
  return null;
}

/**
 * The record page's buttons (the form's manual automations: claim, convert, …). A press
 * runs at once; a refused one (over the claim limit, a protected customer) says why.
 */
export function RecordButtons({
  formId,
  recordId,
  onDone,
}: {
  formId: string;
  recordId: string;
  onDone: () => void;
}) {
  const { t, text } = useI18n();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => api.formButtons(formId, signal), [formId]);
  const { data: buttons } = useQuery(load);
  const [busy, setBusy] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ button: string; reason: string } | null>(null);

  if (!buttons || buttons.length === 0) return null;

  const press = async (button: RecordButton) => {
    setBusy(button.id);
    setRefused(null);
    try {
      await api.pressButton(button.id, recordId);
      void message.success(t('records.buttons.done', { name: text(button.name, button.key) }));
      onDone();
    } catch (error) {
      const reason = error instanceof ApiError ? refusalText(error) : null;
      if (reason) setRefused({ button: text(button.name, button.key), reason: text(reason) });
      else void message.error(describeError(error, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card className="panel" size="small" data-testid="record-buttons">
      <Flex gap={8} wrap align="center">
        {buttons.map((b) => (
          <Button
            key={b.id}
            loading={busy === b.id}
            disabled={busy !== null}
            onClick={() => void press(b)}
          >
            {text(b.name, b.key)}
          </Button>
        ))}
      </Flex>
      {refused && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          role="alert"
          data-testid="button-refused"
          message={t('records.buttons.refused', { name: refused.button })}
          description={refused.reason}
          closable
          onClose={() => setRefused(null)}
        />
      )}
    </Card>
  );
}
