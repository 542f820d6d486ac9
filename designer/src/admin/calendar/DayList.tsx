import { Empty, Flex, Tag } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../../i18n/useI18n';

/** The days of one list in one year, as closable tags with their weekday. */
export function DayList({
  days,
  year,
  color,
  onRemove,
  testId,
}: {
  days: string[];
  year: number;
  color: string;
  onRemove: (day: string) => void;
  testId: string;
}) {
  const { t, language } = useI18n();
  const shown = days.filter((d) => d.startsWith(`${year}-`));
  if (shown.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cal.noDays')} />;
  const weekday = (day: string) =>
    new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
      weekday: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${day}T00:00:00Z`));
  return (
    <Flex gap={6} wrap data-testid={testId}>
      {shown.map((day) => (
        <Tag
          key={day}
          color={color}
          closable
          closeIcon={<span aria-label={t('cal.removeDay', { day })}>×</span>}
          onClose={(e) => {
            e.preventDefault();
            onRemove(day);
          }}
          data-day={day}
        >
          {dayjs(day).format('MM-DD')} {weekday(day)}
        </Tag>
      ))}
    </Flex>
  );
}
