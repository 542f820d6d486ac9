import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Input, Modal, Select, Space } from 'antd';
import type { SavedView, ViewConfig, ViewType } from '@liuyun/client';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';

interface Props {
  formId: string;
  current: { type: ViewType; config: ViewConfig };
  /** The view chosen (kept in the address bar by the page), or null. */
  selected: string | null;
  onApply: (view: SavedView | null) => void;
}

/** The signed-in person's saved views of this form: pick one, save the current one. */
export function SavedViews({ formId, current, selected, onApply }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [views, setViews] = useState<SavedView[]>([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');

  const reload = useCallback(() => {
    api
      .views(formId)
      .then(setViews)
      .catch(() => setViews([]));
  }, [formId]);
  useEffect(reload, [reload]);

  const save = async () => {
    try {
      const view = await api.createView(formId, {
        name: name.trim(),
        type: current.type,
        config: current.config,
      });
      setNaming(false);
      setName('');
      onApply(view);
      void message.success(t('records.views.saved'));
      reload();
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };

  const remove = async () => {
    if (!selected) return;
    await api
      .deleteView(selected)
      .catch((error: unknown) => void message.error(describeError(error, t)));
    onApply(null);
    reload();
  };

  return (
    <Space.Compact>
      <Select
        aria-label={t('records.views')}
        data-testid="saved-views"
        style={{ minWidth: 160 }}
        value={selected !== null && views.some((v) => v.id === selected) ? selected : ''}
        options={[
          { value: '', label: t('records.views.none') },
          ...views.map((v) => ({ value: v.id, label: v.name })),
        ]}
        onChange={(id: string) => onApply(views.find((v) => v.id === id) ?? null)}
      />
      <Button icon={<SaveOutlined />} onClick={() => setNaming(true)} data-testid="save-view">
        {t('records.views.save')}
      </Button>
      {selected && (
        <Button
          icon={<DeleteOutlined />}
          aria-label={t('records.views.delete')}
          onClick={() => void remove()}
        />
      )}
      <Modal
        open={naming}
        title={t('records.views.save')}
        onCancel={() => setNaming(false)}
        onOk={() => void save()}
        okButtonProps={{ disabled: name.trim() === '' }}
      >
        <Input
          aria-label={t('records.views.name')}
          placeholder={t('records.views.name')}
          value={name}
          maxLength={100}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={() => name.trim() !== '' && void save()}
        />
      </Modal>
    </Space.Compact>
  );
}
