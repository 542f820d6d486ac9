import { App, Card, Empty, Flex, Select, Spin, Typography } from 'antd';
import {
  ApiError,
  type FormRecord,
  type PublishedForm,
  type RecordListQuery,
} from '@liuyun/client';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';
import { cellText, listableFields } from './record-columns';

interface Props {
  published: PublishedForm;
  groupField: string;
  query: RecordListQuery;
}

const PER_COLUMN = 50;

/** Kanban by a select field: a column per option; moving a card is an edit with If-Match. */
export function RecordKanban({ published, groupField, query }: Props) {
  const { t, text, language, formatNumber } = useI18n();
  const { message } = App.useApp();
  const field = published.definition.schema.properties[groupField];
  const values = (field?.enum ?? []).map(String);
  const [cards, setCards] = useState<Record<string, FormRecord[]>>({});
  const [counts, setCounts] = useState<Record<string, number>>({});
  const [loading, setLoading] = useState(true);
  const titleField = listableFields(published.definition).find(([k]) => k !== groupField);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const groups = await api.recordGroups(published.id, groupField, query);
      setCounts(Object.fromEntries(groups.groups.map((g) => [g.value ?? '', g.count])));
      const pages = await Promise.all(
        values.map((v) =>
          api.listRecords(
            published.id,
            {
              ...query,
              filter: [
                ...(Array.isArray(query.filter) ? query.filter : []),
                { field: groupField, op: 'eq', value: v },
              ],
            },
            { limit: PER_COLUMN },
          ),
        ),
      );
      setCards(Object.fromEntries(values.map((v, i) => [v, pages[i]?.items ?? []])));
    } catch (error) {
      void message.error(describeError(error, t));
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- values derive from the form
  }, [published.id, groupField, JSON.stringify(query)]);

  useEffect(() => {
    void load();
  }, [load]);

  const move = async (card: FormRecord, to: string) => {
    try {
      await api.http.request(`/records/${encodeURIComponent(card.id)}`, {
        method: 'PATCH',
        headers: { 'If-Match': `"${card.version}"` },
        body: { data: { [groupField]: to } },
      });
      void message.success(t('records.kanban.moved'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412)
        void message.warning(t('records.kanban.stale'));
      else void message.error(describeError(error, t));
    }
    await load();
  };

  if (!field) return <Empty />;
  const label = (v: string) => {
    const i = values.indexOf(v);
    return field['x-enum-labels']?.[i]?.[language] ?? v;
  };
  return (
    <Spin spinning={loading}>
      <Flex gap={12} className="kanban" data-testid="record-kanban">
        {values.map((v) => (
          <section
            key={v}
            className="kanban-column"
            aria-label={label(v)}
            data-testid={`kanban-column-${v}`}
          >
            <Flex justify="space-between" align="center" className="kanban-column-head">
              <Typography.Text strong>{label(v)}</Typography.Text>
              <Typography.Text type="secondary">{counts[v] ?? 0}</Typography.Text>
            </Flex>
            <Flex vertical gap={8}>
              {(cards[v] ?? []).map((card) => (
                <Card key={card.id} size="small" className="kanban-card" data-testid="kanban-card">
                  <Link to={`/records/${encodeURIComponent(card.id)}`}>
                    {titleField
                      ? cellText(titleField[1], card.data[titleField[0]], {
                          language,
                          formatNumber,
                        })
                      : card.id}
                  </Link>
                  <Select
                    size="small"
                    className="kanban-move"
                    aria-label={`${t('records.kanban.moveTo')} — ${text(field['x-label'], groupField)}`}
                    value={v}
                    options={values.map((o) => ({ value: o, label: label(o) }))}
                    onChange={(to: string) => void move(card, to)}
                  />
                </Card>
              ))}
            </Flex>
          </section>
        ))}
      </Flex>
    </Spin>
  );
}
