import { PlusOutlined } from '@ant-design/icons';
import type { DefinitionErrorDetail } from '@liuyun/client';
import type { FlowDefinition } from '@liuyun/definitions';
import { Button, Empty } from 'antd';
import { useCallback, useState } from 'react';
import { en, zh } from '../../i18n/messages';
import { useI18n } from '../../i18n/useI18n';
import type { ErrorIndex } from '../draft/definition-errors';
import { useDoc, useDocStore } from '../draft/useDoc';
import { SimulationPanel } from '../simulation/SimulationPanel';
import type { FlowOverlay } from './canvas-derive';
import { starterFlow } from './flow-commands';
import { FlowDesigner } from './FlowDesigner';
import type { FlowCommand } from './FlowEditorCanvas';

export interface FlowTabProps {
  formId: string;
  errors: ErrorIndex;
  errorsIn: FlowDefinition | null;
  onSimulationErrors: (errors: DefinitionErrorDetail[]) => void;
}

const both = (key: keyof typeof en) => ({ zh: zh[key], en: en[key] });

/** The flow of the form being built (or a button to give it one). */
export function FlowTab({ formId, errors, errorsIn, onSimulationErrors }: FlowTabProps) {
  const { t } = useI18n();
  const store = useDocStore();
  const flow = useDoc((d) => d.flow);
  const definition = useDoc((d) => d.definition);
  const [simulating, setSimulating] = useState(false);
  const [overlay, setOverlay] = useState<FlowOverlay>({});

  const onCommand = useCallback(
    (command: FlowCommand, mergeKey?: string) =>
      store.execute((doc) => {
        if (!doc.flow) return doc;
        const next = command(doc.flow);
        return next === doc.flow ? doc : { ...doc, flow: next };
      }, mergeKey),
    [store],
  );

  if (!flow) {
    return (
      <Empty description={t('flowEditor.noFlow')} data-testid="no-flow">
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() =>
            store.execute((doc) => ({
              ...doc,
              flow: starterFlow(doc.definition.key, doc.definition.name, {
                start: both('flowEditor.startName'),
                end: both('flow.node.end'),
              }),
            }))
          }
          data-testid="add-flow"
        >
          {t('flowEditor.addFlow')}
        </Button>
      </Empty>
    );
  }

  return (
    <FlowDesigner
      flow={flow}
      form={definition}
      onCommand={onCommand}
      errors={errors}
      errorsIn={errorsIn}
      onToggleSimulation={() => {
        setSimulating((on) => !on);
        setOverlay({});
      }}
      simulation={
        simulating
          ? {
              overlay,
              panel: (
                <SimulationPanel
                  formId={formId}
                  flow={flow}
                  form={definition}
                  onOverlay={setOverlay}
                  onErrors={onSimulationErrors}
                />
              ),
            }
          : null
      }
    />
  );
}
