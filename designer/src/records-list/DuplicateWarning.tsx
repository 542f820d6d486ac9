import { Alert, Flex } from 'antd';
import type { FieldDuplicates } from '@liuyun/client';
import type { FormDefinition, JsonObject } from '@liuyun/definitions';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useI18n } from '../i18n/useI18n';

const WAIT_MS = 400;

/** 查重 while filling: unique and duplicate-checked values other records already hold. */
export function DuplicateWarning({
  formId,
  form,
  data,
}: {
  formId: string;
  form: FormDefinition;
  data: JsonObject;
}) {
  const { t, text } = useI18n();
  const keyed = useMemo(
    () =>
      Object.entries(form.schema.properties)
        .filter(([, f]) => f['x-unique'] || f['x-dedupe'])
        .map(([k]) => k),
    [form],
  );
  const values: JsonObject = {};
  for (const k of keyed)
    if (data[k] !== undefined && data[k] !== null && data[k] !== '') values[k] = data[k]!;
  const signature = JSON.stringify(values);
  const [found, setFound] = useState<FieldDuplicates[]>([]);

  useEffect(() => {
    const asked = JSON.parse(signature) as JsonObject;
    if (Object.keys(asked).length === 0) {
      setFound([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .duplicates(formId, asked, undefined, controller.signal)
        .then((r) => setFound(r.duplicates))
        .catch(() => setFound([]));
    }, WAIT_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [formId, signature]);

  if (found.length === 0) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="duplicate-warning">
      {found.map((d) => {
        const label = text(form.schema.properties[d.field]?.['x-label'], d.field);
        return (
          <Alert
            key={d.field}
            type={d.blocked ? 'error' : 'warning'}
            showIcon
            title={
              d.blocked
                ? t('duplicates.blocked', { field: label })
                : d.records.length === 0 && d.elsewhere
                  ? t('duplicates.elsewhere', { field: label })
                  : t('duplicates.similar', { field: label, count: d.records.length })
            }
            description={
              d.records.length > 0 ? (
                <ul className="plain-list">
                  {d.records.map((r) => (
                    <li key={r.id}>
                      <Link to={`/records/${encodeURIComponent(r.id)}`}>
                        {t('duplicates.open')} · {String(r.value)}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        );
      })}
    </Flex>
  );
}
