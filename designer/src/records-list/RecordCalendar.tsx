import { Calendar, Spin, Typography } from 'antd';
import type { FormRecord, PublishedForm, RecordListQuery } from '@liuyun/client';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useI18n } from '../i18n/useI18n';
import { cellText, listableFields } from './record-columns';

interface Props {
  published: PublishedForm;
  dateField: string;
  query: RecordListQuery;
}

const PER_MONTH = 200;
const PER_DAY = 3;

/** Calendar by a date field: the records of the month shown, placed on their day. */
export function RecordCalendar({ published, dateField, query }: Props) {
  const { t, language, formatNumber } = useI18n();
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [items, setItems] = useState<FormRecord[]>([]);
  const [loading, setLoading] = useState(false);
  const field = published.definition.schema.properties[dateField];
  const withTime = field?.format === 'date-time' || field?.['x-widget'] === 'datetime';
  const titleField = listableFields(published.definition).find(([k]) => k !== dateField);

  useEffect(() => {
    const controller = new AbortController();
    const from = month.startOf('month');
    const to = month.endOf('month');
    const range = withTime
      ? [from.toISOString(), to.toISOString()]
      : [from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')];
    setLoading(true);
    api
      .listRecords(
        published.id,
        {
          ...query,
          sort: `${dateField}:asc`,
          filter: [
            ...(Array.isArray(query.filter) ? query.filter : []),
            { field: dateField, op: 'between', value: range },
          ],
        },
        { limit: PER_MONTH },
        controller.signal,
      )
      .then((page) => setItems(page.items))
      .catch(() => setItems([]))
      .finally(() => setLoading(false));
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the query is compared by value
  }, [published.id, dateField, month.valueOf(), withTime, JSON.stringify(query)]);

  const onDay = (day: Dayjs) =>
    items.filter((r) => {
      const v = r.data[dateField];
      return typeof v === 'string' && dayjs(v).isSame(day, 'day');
    });

  return (
    <Spin spinning={loading}>
      <div data-testid="record-calendar">
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d.startOf('month'))}
          cellRender={(day, info) => {
            if (info.type !== 'date') return info.originNode;
            const list = onDay(day);
            return (
              <ul className="plain-list calendar-items">
                {list.slice(0, PER_DAY).map((r) => (
                  <li key={r.id}>
                    <Link to={`/records/${encodeURIComponent(r.id)}`}>
                      {titleField
                        ? cellText(titleField[1], r.data[titleField[0]], { language, formatNumber })
                        : r.id}
                    </Link>
                  </li>
                ))}
                {list.length > PER_DAY && (
                  <li>
                    <Typography.Text type="secondary">
                      {t('records.calendar.more', { count: list.length - PER_DAY })}
                    </Typography.Text>
                  </li>
                )}
              </ul>
            );
          }}
        />
      </div>
    </Spin>
  );
}
