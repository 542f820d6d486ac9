import { WIDGET_TYPES, type WidgetType } from '@liuyun/definitions';
import { Flex, Typography } from 'antd';
import type { DragEvent, KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { widgetLabel } from './widget-label';

/** The drag payload of a palette item. */
export const FIELD_DRAG_TYPE = 'application/x-liuyun-field';

/**
 * The field catalogue: every widget the definitions know (`WIDGET_TYPES`), so new field
 * types appear as the catalogue grows. Drag one onto the form, or press Enter on it.
 */
export function FieldPalette({ onAdd }: { onAdd: (widget: WidgetType) => void }) {
  const { t } = useI18n();
  const label = (w: WidgetType) => widgetLabel(w, t);
  return (
    <nav
      className="builder-palette"
      aria-label={t('formEditor.palette')}
      data-testid="field-palette"
    >
      <Typography.Text strong className="builder-palette-title">
        {t('formEditor.palette')}
      </Typography.Text>
      <Flex vertical gap={6}>
        {WIDGET_TYPES.map((widget) => (
          <div
            key={widget}
            role="button"
            tabIndex={0}
            draggable
            className="builder-palette-item"
            data-testid={`palette-field-${widget}`}
            aria-label={t('formEditor.paletteAdd', { type: label(widget) })}
            onDragStart={(e: DragEvent) => {
              e.dataTransfer.setData(FIELD_DRAG_TYPE, widget);
              e.dataTransfer.effectAllowed = 'copyMove';
            }}
            onKeyDown={(e: KeyboardEvent) => {
              if (e.key !== 'Enter' && e.key !== ' ') return;
              e.preventDefault();
              onAdd(widget);
            }}
            onDoubleClick={() => onAdd(widget)}
          >
            <span className="widget-chip" aria-hidden="true">
              {widget.slice(0, 2).toUpperCase()}
            </span>
            <span>{label(widget)}</span>
          </div>
        ))}
      </Flex>
    </nav>
  );
}
