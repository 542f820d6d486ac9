import type { FileRef, JsonValue } from '@liuyun/definitions';
import { App, Button, Flex, Typography } from 'antd';
import { useRef, useState, type PointerEvent } from 'react';
import { fieldsApi } from '../../api/fields.api';
import { describeError } from '../../common/error-message';
import { useI18n } from '../../i18n/useI18n';
import { useFieldEnvironment } from '../field-context';
import type { WidgetProps } from './widget.types';

/** A handwritten signature: drawn on a canvas, saved as a PNG file when the user confirms. */
export function SignaturePad({ fieldPath, id, value, onChange, ariaLabel }: WidgetProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { formId } = useFieldEnvironment();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const [dirty, setDirty] = useState(false);
  const saved =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as unknown as FileRef)
      : null;

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return [e.clientX - rect.left, e.clientY - rect.top] as const;
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    drawing.current = true;
    ctx.lineWidth = 2;
    ctx.lineCap = 'round';
    ctx.beginPath();
    ctx.moveTo(...point(e));
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = canvas.current?.getContext('2d');
    if (!drawing.current || !ctx) return;
    ctx.lineTo(...point(e));
    ctx.stroke();
    setDirty(true);
  };
  const clear = () => {
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
    setDirty(false);
    onChange(undefined);
  };
  const save = () => {
    canvas.current?.toBlob(async (blob) => {
      if (!blob || formId === null) return;
      try {
        const stored = await fieldsApi.upload(blob, 'signature.png', { formId, field: fieldPath });
        onChange(stored as unknown as JsonValue);
        setDirty(false);
      } catch (error) {
        void message.error(describeError(error, t));
      }
    }, 'image/png');
  };
  return (
    <Flex vertical gap={8}>
      <canvas
        id={id}
        ref={canvas}
        aria-label={ariaLabel ?? t('form.signHere')}
        width={360}
        height={120}
        className="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={() => (drawing.current = false)}
        onPointerLeave={() => (drawing.current = false)}
      />
      <Flex gap={8} align="center">
        <Button onClick={save} disabled={!dirty} type="primary" ghost>
          {t('form.signatureSave')}
        </Button>
        <Button onClick={clear}>{t('form.signatureClear')}</Button>
        {saved && <Typography.Text type="success">{t('form.signatureSaved')}</Typography.Text>}
      </Flex>
    </Flex>
  );
}
