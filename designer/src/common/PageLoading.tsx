import { Flex, Spin } from 'antd';
import { useI18n } from '../i18n/useI18n';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <Flex align="center" justify="center" style={{ minHeight: 240 }}>
      <Spin description={t('common.loading')} />
    </Flex>
  );
}
