import type { FlowDefinition, FlowEdge, FormDefinition } from '@liuyun/definitions';
import { Flex, Form, InputNumber, Radio, Switch, Typography } from 'antd';
import { useI18n } from '../../../i18n/useI18n';
import { RuleEditor } from '../../rules/RuleEditor';
import { ruleFieldsOf } from '../../rules/rule-fields';
import { hasOutcomes } from '../connection-rules';
import { withoutKeys } from '../flow-commands';
import { InspectorErrors } from './settings/InspectorErrors';
import { I18nTextInput } from './I18nTextInput';

export interface EdgeInspectorProps {
  edge: FlowEdge;
  flow: FlowDefinition;
  form: FormDefinition;
  onChange: (edge: FlowEdge, mergeKey: string) => void;
  errors: string[];
}

/** The side panel of one edge: its label, and the outcome or condition that sends the flow along it. */
export function EdgeInspector({ edge, flow, form, onChange, errors }: EdgeInspectorProps) {
  const { t, text } = useI18n();
  const source = flow.nodes.find((n) => n.id === edge.source);
  const target = flow.nodes.find((n) => n.id === edge.target);
  const set = (next: FlowEdge, key: string) => onChange(next, `${edge.id}:${key}`);

  return (
    <div className="inspector" data-testid={`inspector-edge-${edge.id}`}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('inspector.edge', {
          from: text(source?.name, edge.source),
          to: text(target?.name, edge.target),
        })}
      </Typography.Title>
      <InspectorErrors errors={errors} />
      <Form layout="vertical" component="div">
        <I18nTextInput
          id="edge-label"
          label={t('inspector.edgeLabel')}
          value={edge.label}
          onChange={(label) =>
            set(
              label.zh === '' && label.en === ''
                ? withoutKeys(edge, ['label'])
                : { ...edge, label },
              'label',
            )
          }
        />
        {source && hasOutcomes(source) && (
          <Form.Item label={t('inspector.edgeOutcome')}>
            <Radio.Group
              value={edge.outcome}
              onChange={(e) =>
                set({ ...edge, outcome: e.target.value as 'approve' | 'reject' }, 'outcome')
              }
              options={[
                { value: 'approve', label: t('flow.edge.approve') },
                { value: 'reject', label: t('flow.edge.reject') },
              ]}
            />
          </Form.Item>
        )}
        {source?.type === 'exclusive' && (
          <>
            <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
              <Switch
                aria-label={t('inspector.edgeDefault')}
                checked={edge.isDefault === true}
                onChange={(on) =>
                  set(
                    on
                      ? { ...withoutKeys(edge, ['condition']), isDefault: true }
                      : withoutKeys(edge, ['isDefault']),
                    'default',
                  )
                }
              />
              <Typography.Text>{t('inspector.edgeDefault')}</Typography.Text>
            </Flex>
            {edge.isDefault !== true && (
              <>
                <Form.Item label={t('inspector.priority')} htmlFor="edge-priority">
                  <InputNumber
                    id="edge-priority"
                    value={edge.priority ?? null}
                    onChange={(priority) =>
                      set(
                        priority === null ? withoutKeys(edge, ['priority']) : { ...edge, priority },
                        'priority',
                      )
                    }
                  />
                </Form.Item>
                <RuleEditor
                  id={`edge-${edge.id}`}
                  label={t('inspector.condition')}
                  fields={ruleFieldsOf(form)}
                  value={edge.condition}
                  onChange={(condition) =>
                    set(
                      condition === undefined
                        ? withoutKeys(edge, ['condition'])
                        : { ...edge, condition },
                      'condition',
                    )
                  }
                />
              </>
            )}
          </>
        )}
      </Form>
    </div>
  );
}
