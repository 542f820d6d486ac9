import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  HolderOutlined,
} from '@ant-design/icons';
import type { FormDefinition, WidgetType } from '@liuyun/definitions';
import { Button, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useState, type DragEvent } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { layoutPlaces } from '../../form/form-layout';
import { FIELD_DRAG_TYPE } from './FieldPalette';
import { widgetLabel } from './widget-label';

const MOVE_TYPE = 'application/x-liuyun-field-move';

export interface FieldCanvasProps {
  form: FormDefinition;
  selected: string | null;
  onSelect: (key: string | null) => void;
  onDropWidget: (widget: WidgetType, index: number) => void;
  onMove: (key: string, index: number) => void;
  onRemove: (key: string) => void;
  fieldErrors: ReadonlyMap<string, string[]>;
}

/** The form being built: its fields in layout order; drop widgets in, drag fields to reorder. */
export function FieldCanvas(props: FieldCanvasProps) {
  const { form, selected, onSelect, fieldErrors } = props;
  const { t, text } = useI18n();
  const [dropAt, setDropAt] = useState<number | null>(null);
  const required = new Set(form.schema.required ?? []);
  const places = layoutPlaces(form);

  const accepts = (e: DragEvent) =>
    e.dataTransfer.types.includes(FIELD_DRAG_TYPE) || e.dataTransfer.types.includes(MOVE_TYPE);
  const onDrop = (e: DragEvent, index: number) => {
    if (!accepts(e)) return;
    e.preventDefault();
    e.stopPropagation();
    setDropAt(null);
    const widget = e.dataTransfer.getData(FIELD_DRAG_TYPE);
    const moved = e.dataTransfer.getData(MOVE_TYPE);
    if (widget) props.onDropWidget(widget as WidgetType, index);
    else if (moved) {
      const from = form.layout.indexOf(moved);
      props.onMove(moved, from >= 0 && from < index ? index - 1 : index);
    }
  };

  return (
    <div
      className="field-canvas"
      data-testid="field-canvas"
      onDragOver={(e) => {
        if (!accepts(e)) return;
        e.preventDefault();
        setDropAt(form.layout.length);
      }}
      onDragLeave={() => setDropAt(null)}
      onDrop={(e) => onDrop(e, form.layout.length)}
      onClick={(e) => {
        if (e.target === e.currentTarget) onSelect(null);
      }}
    >
      {form.layout.length === 0 && <Empty description={t('formEditor.empty')} />}
      {form.layout.map((key, index) => {
        const field = form.schema.properties[key];
        if (!field) return null;
        const errors = fieldErrors.get(key) ?? [];
        const widget = field['x-widget'];
        const place = places.get(key);
        // Tabs and sections are headings; what they hold is indented under them.
        const depth = (place?.tab ? 1 : 0) + (place?.section ? 1 : 0);
        const rules = [
          field['x-visible'] !== undefined ? t('formEditor.badge.visible') : null,
          field['x-required-when'] !== undefined ? t('formEditor.badge.requiredWhen') : null,
          field['x-computed'] !== undefined ? t('formEditor.badge.computed') : null,
        ].filter((r): r is string => r !== null);
        return (
          <div
            key={key}
            role="button"
            tabIndex={0}
            draggable
            aria-pressed={selected === key}
            aria-label={`${text(field['x-label'], key)} (${key})`}
            data-testid={`field-card-${key}`}
            data-tab={place?.tab ?? undefined}
            data-section={place?.section ?? undefined}
            style={{ marginLeft: depth * 20 }}
            className={[
              'field-card',
              widget === 'tab' ? 'field-card-tab' : '',
              widget === 'section' ? 'field-card-section' : '',
              selected === key ? 'is-selected' : '',
              errors.length > 0 ? 'has-errors' : '',
              dropAt === index ? 'drop-before' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            onClick={() => onSelect(key)}
            onDragStart={(e) => {
              e.dataTransfer.setData(MOVE_TYPE, key);
              e.dataTransfer.effectAllowed = 'move';
            }}
            onDragOver={(e) => {
              if (!accepts(e)) return;
              e.preventDefault();
              e.stopPropagation();
              setDropAt(index);
            }}
            onDrop={(e) => onDrop(e, index)}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget) return;
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(key);
              } else if (e.key === 'Delete') {
                e.preventDefault();
                props.onRemove(key);
              } else if (e.altKey && e.key === 'ArrowUp') {
                e.preventDefault();
                props.onMove(key, index - 1);
              } else if (e.altKey && e.key === 'ArrowDown') {
                e.preventDefault();
                props.onMove(key, index + 1);
              }
            }}
          >
            <HolderOutlined className="field-card-grip" aria-hidden="true" />
            <Flex vertical style={{ flex: 1, minWidth: 0 }}>
              <Flex gap={6} align="center" wrap>
                <Typography.Text strong>
                  {text(field['x-label'], key)}
                  {required.has(key) && <span className="required-star"> *</span>}
                </Typography.Text>
                <Tag>{widgetLabel(field['x-widget'], t)}</Tag>
                {rules.map((r) => (
                  <Tag key={r} color="blue">
                    {r}
                  </Tag>
                ))}
              </Flex>
              <Typography.Text type="secondary" code style={{ fontSize: 12 }}>
                {key}
              </Typography.Text>
              {errors.map((e) => (
                <Typography.Text
                  key={e}
                  type="danger"
                  style={{ fontSize: 12 }}
                  data-testid={`field-error-${key}`}
                >
                  {e}
                </Typography.Text>
              ))}
            </Flex>
            <Flex gap={2}>
              <Tooltip title={t('formEditor.moveUp')}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('formEditor.moveUp')}
                  disabled={index === 0}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onMove(key, index - 1);
                  }}
                />
              </Tooltip>
              <Tooltip title={t('formEditor.moveDown')}>
                <Button
                  size="small"
                  type="text"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('formEditor.moveDown')}
                  disabled={index === form.layout.length - 1}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onMove(key, index + 1);
                  }}
                />
              </Tooltip>
              <Tooltip title={t('formEditor.remove')}>
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('formEditor.removeField', { field: key })}
                  onClick={(e) => {
                    e.stopPropagation();
                    props.onRemove(key);
                  }}
                />
              </Tooltip>
            </Flex>
          </div>
        );
      })}
      {dropAt === form.layout.length && form.layout.length > 0 && <div className="drop-end" />}
    </div>
  );
}
