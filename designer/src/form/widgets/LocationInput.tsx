import { AimOutlined } from '@ant-design/icons';
import type { JsonObject } from '@liuyun/definitions';
import { Button, Flex, Input, InputNumber } from 'antd';
import { useI18n } from '../../i18n/useI18n';
import type { WidgetProps } from './widget.types';

/** A location: latitude and longitude (typed, or from the device), and a place name. */
export function LocationInput({ id, value, onChange, invalid, ariaLabel }: WidgetProps) {
  const { t } = useI18n();
  const current: JsonObject =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const set = (next: JsonObject) => {
    const clean = Object.fromEntries(
      Object.entries(next).filter(([, v]) => v !== null && v !== ''),
    );
    onChange(Object.keys(clean).length === 0 ? undefined : clean);
  };
  const num = (key: string) => (typeof current[key] === 'number' ? (current[key] as number) : null);
  const locate = () =>
    navigator.geolocation?.getCurrentPosition((p) =>
      set({
        ...current,
        lat: Number(p.coords.latitude.toFixed(6)),
        lng: Number(p.coords.longitude.toFixed(6)),
      }),
    );
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <InputNumber<number>
          id={id}
          aria-label={ariaLabel ? `${ariaLabel} ${t('form.latitude')}` : t('form.latitude')}
          status={invalid ? 'error' : undefined}
          placeholder={t('form.latitude')}
          min={-90}
          max={90}
          value={num('lat')}
          onChange={(lat) => set({ ...current, lat })}
        />
        <InputNumber<number>
          aria-label={t('form.longitude')}
          status={invalid ? 'error' : undefined}
          placeholder={t('form.longitude')}
          min={-180}
          max={180}
          value={num('lng')}
          onChange={(lng) => set({ ...current, lng })}
        />
        <Button icon={<AimOutlined />} onClick={locate}>
          {t('form.locate')}
        </Button>
      </Flex>
      <Input
        aria-label={t('form.placeName')}
        placeholder={t('form.placeName')}
        maxLength={200}
        value={typeof current.address === 'string' ? current.address : ''}
        onChange={(e) => set({ ...current, address: e.target.value })}
      />
    </Flex>
  );
}
