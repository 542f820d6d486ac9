import { DownloadOutlined, PaperClipOutlined } from '@ant-design/icons';
import { App, Button, Flex, Image, Space, Typography } from 'antd';
import type { FileRef, JsonValue } from '@liuyun/definitions';
import { useEffect, useState } from 'react';
import { fieldsApi } from '../api/fields.api';
import { describeError } from '../common/error-message';
import { useI18n } from '../i18n/useI18n';

function isFile(value: unknown): value is FileRef {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.name === 'string';
}

/** The file references a field holds: a list (attachment, image) or one (signature). */
export function filesOf(value: JsonValue | undefined): FileRef[] {
  if (Array.isArray(value)) return value.flatMap((v) => (isFile(v) ? [v] : []));
  return isFile(value) ? [value] : [];
}

/** A stored file shown inline (image, signature); fetched with the token, as the download is. */
function useInlineUrl(id: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    let made: string | null = null;
    fieldsApi.objectUrl(id, true).then(
      (u) => {
        made = u;
        if (live) setUrl(u);
        else URL.revokeObjectURL(u);
      },
      () => live && setUrl(null),
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [id]);
  return url;
}

function Thumbnail({ file, height }: { file: FileRef; height: number }) {
  const url = useInlineUrl(file.id);
  return url ? (
    <Image src={url} alt={file.name} height={height} data-testid="record-image" />
  ) : (
    <div style={{ height, width: height }} aria-busy="true" />
  );
}

/** Attachments and images with a download button each; images also as thumbnails. */
export function RecordFiles({ files, images }: { files: FileRef[]; images: boolean }) {
  const { t, formatNumber } = useI18n();
  const { message } = App.useApp();
  const download = async (file: FileRef) => {
    try {
      const url = await fieldsApi.objectUrl(file.id);
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      void message.error(describeError(error, t));
    }
  };
  if (files.length === 0) return <Typography.Text>{t('common.none')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {images && (
        <Image.PreviewGroup>
          <Space wrap>
            {files.map((f) => (
              <Thumbnail key={f.id} file={f} height={96} />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {files.map((f) => (
        <Space key={f.id} data-testid="record-file">
          <PaperClipOutlined aria-hidden />
          <Typography.Text>{f.name}</Typography.Text>
          <Typography.Text type="secondary">{`${formatNumber(Math.ceil(f.size / 1024))} KB`}</Typography.Text>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => void download(f)}
            aria-label={t('record.download', { name: f.name })}
          >
            {t('record.downloadShort')}
          </Button>
        </Space>
      ))}
    </Flex>
  );
}

/** A handwritten signature as the image it was stored as. */
export function SignatureImage({ file }: { file: FileRef }) {
  const { t } = useI18n();
  const url = useInlineUrl(file.id);
  return url ? (
    <img
      src={url}
      alt={t('record.signature')}
      data-testid="record-signature"
      style={{ maxHeight: 120, maxWidth: '100%', border: '1px solid #e5e7eb', borderRadius: 6 }}
    />
  ) : (
    <div style={{ height: 120 }} aria-busy="true" />
  );
}
