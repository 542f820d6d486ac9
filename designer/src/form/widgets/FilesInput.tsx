import { UploadOutlined } from '@ant-design/icons';
import type { FileRef, JsonValue } from '@liuyun/definitions';
import { App, Button, Upload, type UploadFile } from 'antd';
import { fieldsApi } from '../../api/fields.api';
import { describeError } from '../../common/error-message';
import { useI18n } from '../../i18n/useI18n';
import { useFieldEnvironment } from '../field-context';
import type { WidgetProps } from './widget.types';

function refsOf(value: JsonValue | undefined): FileRef[] {
  const list = Array.isArray(value) ? value : [];
  return list.filter(
    (v): v is FileRef & { [k: string]: JsonValue } =>
      typeof v === 'object' && v !== null && !Array.isArray(v) && typeof v.id === 'string',
  ) as FileRef[];
}

/** Attachments and images: each file goes to the engine at once; the field holds their refs. */
export function FilesInput({ field, fieldPath, id, value, onChange, ariaLabel }: WidgetProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { formId } = useFieldEnvironment();
  const refs = refsOf(value);
  const isImage = field['x-widget'] === 'image';
  const accept = field['x-files']?.accept?.join(',') ?? (isImage ? 'image/*' : undefined);
  const full = field.maxItems !== undefined && refs.length >= field.maxItems;
  const fileList: UploadFile[] = refs.map((r) => ({
    uid: r.id,
    name: r.name,
    status: 'done',
    size: r.size,
    type: r.type,
  }));
  return (
    <Upload
      id={id}
      aria-label={ariaLabel}
      accept={accept}
      multiple
      listType={isImage ? 'picture' : 'text'}
      fileList={fileList}
      onRemove={(file) => {
        const next = refs.filter((r) => r.id !== file.uid);
        onChange(next.length === 0 ? undefined : (next as unknown as JsonValue));
      }}
      customRequest={async ({ file, onSuccess, onError }) => {
        if (formId === null || !(file instanceof Blob)) return;
        try {
          const stored = await fieldsApi.upload(file, (file as File).name ?? 'file', {
            formId,
            field: fieldPath,
          });
          onChange([...refsOf(value), stored] as unknown as JsonValue);
          onSuccess?.(stored);
        } catch (error) {
          void message.error(describeError(error, t));
          onError?.(error instanceof Error ? error : new Error(String(error)));
        }
      }}
    >
      <Button icon={<UploadOutlined />} disabled={full}>
        {t(isImage ? 'form.uploadImage' : 'form.uploadFile')}
      </Button>
    </Upload>
  );
}
