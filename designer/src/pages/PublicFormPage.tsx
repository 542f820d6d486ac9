import { Button, Card, Input, Result } from 'antd';
import type { PublishedForm } from '@liuyun/client';
import type { JsonObject } from '@liuyun/definitions';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import { api } from '../api/client';
import { PageLoading } from '../common/PageLoading';
import { useQuery } from '../common/useQuery';
import { RecordForm } from '../form/RecordForm';
import { useI18n } from '../i18n/useI18n';
import { BrandMark } from '../layout/BrandMark';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** `/p/:token`: a public form (lead capture), no sign-in. */
export default function PublicFormPage() {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  const [sent, setSent] = useState(false);
  const [honeypot, setHoneypot] = useState('');
  const load = useCallback(
    // `round` fetches a fresh ticket for each new submission.
    (signal: AbortSignal) => {
      void round;
      return api.publicForm(token, signal);
    },
    [token, round],
  );
  const { data, error } = useQuery(load);

  let body;
  if (error) body = <Result status="404" title={t('public.unavailable')} />;
  else if (!data) body = <PageLoading />;
  else if (sent)
    body = (
      <Result
        status="success"
        title={t('public.thanks')}
        extra={
          <Button
            onClick={() => {
              setSent(false);
              setRound((n) => n + 1);
            }}
          >
            {t('public.again')}
          </Button>
        }
        data-testid="public-thanks"
      />
    );
  else {
    const published: PublishedForm = {
      id: token,
      key: data.definition.key,
      appKey: '',
      name: data.name,
      version: round,
      definition: data.definition,
      flow: null,
    };
    body = (
      <>
        {/* A field people never see or fill: bots do (the spam guard). */}
        <div className="honeypot" aria-hidden="true">
          <Input
            tabIndex={-1}
            autoComplete="off"
            name={data.honeypot}
            aria-label={t('public.honeypot')}
            value={honeypot}
            onChange={(e) => setHoneypot(e.target.value)}
          />
        </div>
        <RecordForm
          key={data.ticket}
          published={published}
          submit={async (values: JsonObject) => {
            await api.publicSubmit(token, values, data.ticket, honeypot);
            setSent(true);
          }}
        />
      </>
    );
  }
  return (
    <div className="public-page">
      <header className="public-header">
        <BrandMark />
        <LanguageSwitch />
      </header>
      <Card className="panel public-card" variant="borderless">
        {body}
      </Card>
    </div>
  );
}
