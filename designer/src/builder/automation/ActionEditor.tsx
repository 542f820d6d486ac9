import { DeleteOutlined } from '@ant-design/icons';
import type { FormDefinition } from '@liuyun/definitions';
import { Button, Card, Flex, Form, Input, Select } from 'antd';
import { useI18n } from '../../i18n/useI18n';
import { AssigneeListEditor } from '../flow-editor/panels/AssigneeListEditor';
import { I18nTextInput } from '../flow-editor/panels/I18nTextInput';
import { JsonEditor } from '../flow-editor/panels/JsonEditor';
import { asObject, withOptional } from '../flow-editor/panels/settings/optional-setting';
import { WriteRecordSettings } from '../flow-editor/panels/settings/WriteRecordSettings';
import type { AutomationAction } from './automation-actions';

export interface ActionEditorProps {
  action: AutomationAction;
  index: number;
  form: FormDefinition | null;
  formKeys: string[];
  onChange: (action: AutomationAction) => void;
  onRemove: () => void;
}

/** One action of an automation: what it writes, whom it tells, where it calls. */
export function ActionEditor({
  action,
  index,
  form,
  formKeys,
  onChange,
  onRemove,
}: ActionEditorProps) {
  const { t } = useI18n();
  const formOptions = formKeys.map((k) => ({ value: k, label: k }));
  let body;
  switch (action.type) {
    case 'update_record':
      body = (
        <JsonEditor
          label={t('inspector.set')}
          value={action.settings.set}
          onChange={(v) => onChange({ ...action, settings: { set: asObject(v) } })}
        />
      );
      break;
    case 'create_record': {
      const s = action.settings;
      body = (
        <WriteRecordSettings
          value={s}
          onChange={(settings) => onChange({ ...action, settings })}
          targetForm={
            <Form.Item label={t('inspector.targetForm')}>
              <Select
                aria-label={t('inspector.targetForm')}
                value={s.form || undefined}
                options={formOptions}
                onChange={(f: string) => onChange({ ...action, settings: { ...s, form: f } })}
              />
            </Form.Item>
          }
        />
      );
      break;
    }
    case 'notify': {
      const s = action.settings;
      body = (
        <>
          {form && (
            <AssigneeListEditor
              label={t('inspector.recipients')}
              testId={`action-${index}-recipients`}
              form={form}
              value={s.recipients}
              onChange={(recipients) => onChange({ ...action, settings: { ...s, recipients } })}
            />
          )}
          <I18nTextInput
            id={`action-${index}-message`}
            label={t('inspector.message')}
            value={s.message}
            onChange={(message) => onChange({ ...action, settings: { ...s, message } })}
          />
        </>
      );
      break;
    }
    case 'webhook': {
      const s = action.settings;
      body = (
        <>
          <Form.Item label={t('inspector.url')} htmlFor={`action-${index}-url`}>
            <Input
              id={`action-${index}-url`}
              value={s.url}
              onChange={(e) => onChange({ ...action, settings: { ...s, url: e.target.value } })}
            />
          </Form.Item>
          <JsonEditor
            label={t('inspector.body')}
            value={s.body}
            onChange={(v) =>
              onChange({
                ...action,
                settings: withOptional(s, 'body', v === undefined ? v : asObject(v)),
              })
            }
          />
        </>
      );
      break;
    }
    case 'delete_record': {
      const s = action.settings;
      body = (
        <>
          <Form.Item label={t('automation.deleteWhich')}>
            <Select
              aria-label={t('automation.deleteWhich')}
              allowClear
              placeholder={t('automation.deleteThis')}
              value={s.form}
              options={formOptions}
              onChange={(f?: string) =>
                onChange({ ...action, settings: f ? { ...s, form: f } : {} })
              }
            />
          </Form.Item>
          {s.form && (
            <JsonEditor
              label={t('inspector.match')}
              value={s.match}
              onChange={(match) =>
                onChange({
                  ...action,
                  settings: match === undefined ? { form: s.form } : { ...s, match },
                })
              }
            />
          )}
        </>
      );
      break;
    }
  }
  return (
    <Card
      size="small"
      data-testid={`action-${index}`}
      title={`${index + 1}. ${t(`automation.action.${action.type}`)}`}
      extra={
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('automation.removeAction', { n: index + 1 })}
          onClick={onRemove}
        />
      }
    >
      <Form layout="vertical" component="div">
        <Flex vertical gap={4}>
          <I18nTextInput
            id={`action-${index}-name`}
            label={t('inspector.name')}
            value={action.name}
            onChange={(name) => onChange({ ...action, name })}
          />
          {body}
        </Flex>
      </Form>
    </Card>
  );
}
