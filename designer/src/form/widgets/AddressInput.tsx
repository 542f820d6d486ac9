import type { JsonObject } from '@liuyun/definitions';
import { Cascader, Flex, Input } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { loadRegions, type Region } from './regions';
import type { WidgetProps } from './widget.types';

/** An address: province / city / district from the region tree, then the street. */
export function AddressInput({ id, value, onChange, invalid, ariaLabel }: WidgetProps) {
  const { t } = useI18n();
  const [regions, setRegions] = useState<Region[] | null>(null);
  useEffect(() => {
    let live = true;
    void loadRegions().then((tree) => live && setRegions(tree));
    return () => {
      live = false;
    };
  }, []);
  const current: JsonObject =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  const set = (next: JsonObject) => {
    const clean = Object.fromEntries(
      Object.entries(next).filter(([, v]) => typeof v === 'string' && v !== ''),
    );
    onChange(Object.keys(clean).length === 0 ? undefined : clean);
  };
  const path = ['province', 'city', 'district']
    .map((k) => current[k])
    .filter((v): v is string => typeof v === 'string');
  return (
    <Flex vertical gap={8}>
      <Cascader
        id={id}
        aria-label={ariaLabel}
        status={invalid ? 'error' : undefined}
        options={regions ?? []}
        loading={regions === null}
        showSearch
        value={path}
        placeholder={t('form.addressRegion')}
        changeOnSelect
        onChange={(picked) => {
          const [province, city, district] = (picked ?? []).map(String);
          set({ ...current, province: province ?? '', city: city ?? '', district: district ?? '' });
        }}
      />
      <Input
        aria-label={t('form.addressDetail')}
        placeholder={t('form.addressDetail')}
        maxLength={200}
        value={typeof current.detail === 'string' ? current.detail : ''}
        onChange={(e) => set({ ...current, detail: e.target.value })}
      />
    </Flex>
  );
}
