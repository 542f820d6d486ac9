import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import type { BusinessCalendar, ValidationDetail } from '@liuyun/client';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Row,
  Segmented,
  Select,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { ErrorState } from '../../common/ErrorState';
import { useQuery } from '../../common/useQuery';
import type { MessageKey } from '../../i18n/messages';
import { useI18n } from '../../i18n/useI18n';
import { ApiErrorAlert } from '../common/ApiErrorAlert';
import { useApiCall } from '../common/useApiCall';
import { AdminPage } from '../common/AdminPage';
import { PageHeader } from '../common/PageHeader';
import { DayList } from './DayList';
import {
  calendarYears,
  daysBetween,
  minutesToTime,
  offsetChoices,
  offsetLabel,
  sameCalendar,
  withDays,
} from './calendar-edit';

/** Monday first, as calendars in China and most of Europe show the week. */
const WEEKDAYS: { value: number; label: MessageKey }[] = [
  { value: 1, label: 'cal.weekday.1' },
  { value: 2, label: 'cal.weekday.2' },
  { value: 3, label: 'cal.weekday.3' },
  { value: 4, label: 'cal.weekday.4' },
  { value: 5, label: 'cal.weekday.5' },
  { value: 6, label: 'cal.weekday.6' },
  { value: 0, label: 'cal.weekday.0' },
];

const toDayjs = (minutes: number): Dayjs =>
  dayjs().startOf('day').add(Math.min(minutes, 1439), 'minute');
const toMinutes = (d: Dayjs): number => d.hour() * 60 + d.minute();

/** `/admin/calendar`: working hours, working weekdays, holidays and make-up days per year. */
export default function CalendarPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const load = useCallback((signal: AbortSignal) => api.calendar(signal), []);
  const saved = useQuery(load);
  const [draft, setDraft] = useState<BusinessCalendar | null>(null);
  const [year, setYear] = useState(() => new Date().getFullYear());
  const { busy, failure, setFailure, attempt } = useApiCall();

  useEffect(() => {
    if (saved.data) setDraft(saved.data);
  }, [saved.data]);

  if (saved.error && !saved.data)
    return (
      <div className="page-wide">
        <ErrorState error={saved.error} onRetry={saved.reload} />
      </div>
    );
  if (!draft || !saved.data)
    return <Card className="panel" loading data-testid="calendar-loading" />;

  const changed = !sameCalendar(draft, saved.data);
  const update = (patch: Partial<BusinessCalendar>) => setDraft({ ...draft, ...patch });
  const inYear = (d: Dayjs) => d.year() !== year;

  const save = async () => {
    await attempt(async () => {
      const answer = await api.saveCalendar(draft);
      setDraft(answer);
      saved.reload();
      void message.success(t('cal.saved'));
    });
  };

  const calendarDetail = (d: ValidationDetail): string => {
    const list = d.instancePath.split('/')[1] ?? '';
    const field: Record<string, string> = {
      holidays: t('cal.holidays'),
      makeupDays: t('cal.makeupDays'),
      endMinute: t('cal.hours'),
      startMinute: t('cal.hours'),
      weekdays: t('cal.weekdays'),
    };
    const day = typeof d.params?.day === 'string' ? ` ${d.params.day}` : '';
    return `${field[list] ?? d.instancePath}${day}: ${d.message ?? d.keyword}`;
  };

  return (
    <AdminPage testId="calendar-page">
      <PageHeader
        title={t('cal.title')}
        subtitle={t('cal.subtitle')}
        actions={
          <>
            {changed && <Tag color="warning">{t('cal.unsaved')}</Tag>}
            <Button
              icon={<UndoOutlined />}
              disabled={!changed || busy}
              onClick={() => {
                setDraft(saved.data ?? draft);
                setFailure(null);
              }}
            >
              {t('cal.discard')}
            </Button>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={busy}
              disabled={!changed}
              onClick={() => void save()}
              data-testid="calendar-save"
            >
              {t('admin.save')}
            </Button>
          </>
        }
      />
      <ApiErrorAlert error={failure} testId="calendar-error" detailText={calendarDetail} />
      <Card className="panel" title={t('cal.week')}>
        <Form layout="vertical">
          <Row gutter={24}>
            <Col xs={24} md={8}>
              <Form.Item label={t('cal.hours')} htmlFor="calendar-hours">
                <TimePicker.RangePicker
                  id={{ start: 'calendar-hours' }}
                  format="HH:mm"
                  minuteStep={5}
                  allowClear={false}
                  order
                  value={[toDayjs(draft.startMinute), toDayjs(draft.endMinute)]}
                  onChange={(range) => {
                    if (range?.[0] && range[1])
                      update({ startMinute: toMinutes(range[0]), endMinute: toMinutes(range[1]) });
                  }}
                  aria-label={t('cal.hours')}
                />
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
                  {t('cal.hoursNow', {
                    start: minutesToTime(draft.startMinute),
                    end: minutesToTime(draft.endMinute),
                  })}
                </Typography.Paragraph>
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item label={t('cal.weekdays')}>
                <Checkbox.Group
                  value={draft.weekdays}
                  onChange={(values) => update({ weekdays: values })}
                  options={WEEKDAYS.map((w) => ({ value: w.value, label: t(w.label) }))}
                  data-testid="calendar-weekdays"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={6}>
              <Form.Item label={t('cal.offset')} htmlFor="calendar-offset">
                <Select<number>
                  id="calendar-offset"
                  showSearch
                  value={draft.utcOffsetMinutes}
                  onChange={(v) => update({ utcOffsetMinutes: v })}
                  options={offsetChoices(draft.utcOffsetMinutes).map((m) => ({
                    value: m,
                    label: offsetLabel(m),
                  }))}
                  style={{ width: 160 }}
                />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card
        className="panel"
        title={t('cal.daysOf', { year })}
        extra={
          <Segmented<number>
            value={year}
            onChange={setYear}
            options={calendarYears(draft, new Date().getFullYear()).map((y) => ({
              value: y,
              label: String(y),
            }))}
            aria-label={t('cal.year')}
            data-testid="calendar-year"
          />
        }
      >
        <Row gutter={24}>
          <Col xs={24} md={12}>
            <Typography.Title level={5}>{t('cal.holidays')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('cal.holidaysHint')}</Typography.Paragraph>
            <div data-testid="calendar-add-holiday">
              <DatePicker.RangePicker
                key={`h${year}`}
                defaultPickerValue={[dayjs(`${year}-01-01`), dayjs(`${year}-01-01`)]}
                disabledDate={inYear}
                placeholder={[t('cal.from'), t('cal.to')]}
                aria-label={t('cal.addHoliday')}
                value={null}
                onChange={(range) => {
                  if (range?.[0] && range[1])
                    update({
                      holidays: withDays(
                        draft.holidays,
                        daysBetween(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')),
                      ),
                    });
                }}
                style={{ marginBottom: 12 }}
              />
            </div>
            <DayList
              days={draft.holidays}
              year={year}
              color="error"
              testId="calendar-holidays"
              onRemove={(day) => update({ holidays: draft.holidays.filter((d) => d !== day) })}
            />
          </Col>
          <Col xs={24} md={12}>
            <Typography.Title level={5}>{t('cal.makeupDays')}</Typography.Title>
            <Typography.Paragraph type="secondary">{t('cal.makeupHint')}</Typography.Paragraph>
            <div data-testid="calendar-add-makeup">
              <DatePicker
                key={`m${year}`}
                defaultPickerValue={dayjs(`${year}-01-01`)}
                disabledDate={inYear}
                placeholder={t('cal.addMakeup')}
                aria-label={t('cal.addMakeup')}
                value={null}
                onChange={(d: Dayjs | null) => {
                  if (d)
                    update({ makeupDays: withDays(draft.makeupDays, [d.format('YYYY-MM-DD')]) });
                }}
                style={{ marginBottom: 12, width: 220 }}
              />
            </div>
            <DayList
              days={draft.makeupDays}
              year={year}
              color="processing"
              testId="calendar-makeup"
              onRemove={(day) => update({ makeupDays: draft.makeupDays.filter((d) => d !== day) })}
            />
          </Col>
        </Row>
      </Card>
    </AdminPage>
  );
}
