import { SearchOutlined } from '@ant-design/icons';
import type { AuditFilter } from '@liuyun/client';
import { Button, DatePicker, Flex, Form, Input } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../i18n/useI18n';
import { UserPicker } from '../common/UserPicker';

interface Values {
  actorId?: string | null;
  entityType?: string;
  entityId?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const toValues = (f: AuditFilter): Values => ({
  actorId: f.actorId ?? null,
  entityType: f.entityType ?? '',
  entityId: f.entityId ?? '',
  action: f.action ?? '',
  range: f.from || f.to ? [f.from ? dayjs(f.from) : null, f.to ? dayjs(f.to) : null] : null,
});

function toFilter(v: Values): AuditFilter {
  const f: AuditFilter = {};
  if (v.actorId) f.actorId = v.actorId;
  if (v.entityType?.trim()) f.entityType = v.entityType.trim();
  if (v.entityId?.trim()) f.entityId = v.entityId.trim();
  if (v.action?.trim()) f.action = v.action.trim();
  if (v.range?.[0]) f.from = v.range[0].toISOString();
  if (v.range?.[1]) f.to = v.range[1].toISOString();
  return f;
}

/** Actor, entity, action and time range; applied with Search (or Enter). */
export function AuditFilters({
  filter,
  onApply,
}: {
  filter: AuditFilter;
  onApply: (filter: AuditFilter) => void;
}) {
  const { t } = useI18n();
  // Keyed by the filter: a new filter (Clear, a link) starts a fresh form with its values.
  return (
    <Form<Values>
      layout="vertical"
      key={JSON.stringify(filter)}
      initialValues={toValues(filter)}
      onFinish={(v) => onApply(toFilter(v))}
      data-testid="audit-filters"
    >
      <Flex gap={12} wrap align="flex-end">
        <Form.Item name="actorId" label={t('audit.actor')} style={{ marginBottom: 0 }}>
          <UserPicker placeholder={t('audit.anyone')} testId="audit-actor" />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')} style={{ marginBottom: 0 }}>
          <Input placeholder={t('audit.entityTypeHint')} style={{ width: 160 }} allowClear />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')} style={{ marginBottom: 0 }}>
          <Input style={{ width: 200 }} allowClear />
        </Form.Item>
        <Form.Item
          name="action"
          label={t('audit.action')}
          tooltip={t('audit.actionHint')}
          style={{ marginBottom: 0 }}
        >
          <Input placeholder="user.create, user.*" style={{ width: 180 }} allowClear />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')} style={{ marginBottom: 0 }}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[true, true]}
            placeholder={[t('audit.from'), t('audit.to')]}
          />
        </Form.Item>
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('audit.search')}
          </Button>
          <Button onClick={() => onApply({})}>{t('audit.clear')}</Button>
        </Flex>
      </Flex>
    </Form>
  );
}
