import type { FormDefinition, WidgetType } from '@liuyun/definitions';
import { Segmented } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { en, zh } from '../../i18n/messages';
import { useI18n } from '../../i18n/useI18n';
import type { ErrorIndex } from '../draft/definition-errors';
import { errorText, sentencesBy } from '../draft/error-text';
import { useDoc, useDocStore } from '../draft/useDoc';
import { FieldCanvas } from './FieldCanvas';
import { FieldPalette } from './FieldPalette';
import { FieldProperties } from './FieldProperties';
import {
  addField,
  freshFieldKey,
  moveField,
  newField,
  removeField,
  renameField,
  setRequired,
  updateField,
} from './form-commands';
import { FormPreview } from './FormPreview';
import { FormSettingsPanel } from './FormSettingsPanel';

export interface FormDesignerProps {
  errors: ErrorIndex;
  /** The form the errors were found in: errors of fields changed since are not shown. */
  errorsIn: FormDefinition | null;
}

function widgetName(widget: WidgetType) {
  const key = `widget.${widget}`;
  return key in en
    ? { zh: zh[key as keyof typeof zh], en: en[key as keyof typeof en] }
    : { zh: widget, en: widget };
}

/** The form tab: field catalogue, the form, and the properties of the selected field (or a live preview). */
export function FormDesigner({ errors, errorsIn }: FormDesignerProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const store = useDocStore();
  const form = useDoc((d) => d.definition);
  const [selected, setSelected] = useState<string | null>(null);
  const [view, setView] = useState<'design' | 'preview'>('design');

  const command = useCallback(
    (change: (f: FormDefinition) => FormDefinition, mergeKey?: string) =>
      store.execute((doc) => {
        const next = change(doc.definition);
        return next === doc.definition ? doc : { ...doc, definition: next };
      }, mergeKey),
    [store],
  );

  const fieldErrors = useMemo(
    () =>
      sentencesBy(
        errors.fields,
        i18n,
        (key) =>
          form.schema.properties[key] !== undefined &&
          form.schema.properties[key] === errorsIn?.schema.properties[key],
      ),
    [errors.fields, errorsIn, form, i18n],
  );
  const formErrors = useMemo(() => errors.form.map((e) => errorText(e, i18n)), [errors.form, i18n]);

  const add = (widget: WidgetType, index?: number) => {
    const key = freshFieldKey(form, widget);
    command((f) =>
      addField(
        f,
        key,
        newField(widget, widgetName(widget)),
        index ?? (selected ? f.layout.indexOf(selected) + 1 : f.layout.length),
      ),
    );
    setSelected(key);
  };

  const field = selected ? form.schema.properties[selected] : undefined;

  return (
    <div className="form-designer">
      <FieldPalette onAdd={(w) => add(w)} />
      <div className="form-designer-main">
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'design' | 'preview')}
          options={[
            { value: 'design', label: t('formEditor.design') },
            {
              value: 'preview',
              label: <span data-testid="form-preview-toggle">{t('formEditor.preview')}</span>,
            },
          ]}
          style={{ marginBottom: 12 }}
        />
        {view === 'design' ? (
          <FieldCanvas
            form={form}
            selected={selected}
            onSelect={setSelected}
            fieldErrors={fieldErrors}
            onDropWidget={(w, index) => add(w, index)}
            onMove={(key, index) => command((f) => moveField(f, key, index))}
            onRemove={(key) => {
              command((f) => removeField(f, key));
              if (selected === key) setSelected(null);
            }}
          />
        ) : (
          <div className="form-preview-card">
            <FormPreview form={form} />
          </div>
        )}
      </div>
      <aside className="builder-panel" aria-label={t('formEditor.panel')}>
        {selected && field ? (
          <FieldProperties
            key={selected}
            form={form}
            fieldKey={selected}
            field={field}
            errors={fieldErrors.get(selected) ?? []}
            onChange={(next, key) => command((f) => updateField(f, selected, next), key)}
            onRequired={(on) => command((f) => setRequired(f, selected, on))}
            onRename={(to) => {
              command((f) => renameField(f, selected, to));
              setSelected(to);
            }}
          />
        ) : (
          <FormSettingsPanel
            form={form}
            errors={formErrors}
            onChange={(next, key) => command(() => next, key)}
          />
        )}
      </aside>
    </div>
  );
}
