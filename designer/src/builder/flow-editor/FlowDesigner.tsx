import {
  ApartmentOutlined,
  CopyOutlined,
  DeleteOutlined,
  ExperimentOutlined,
  SnippetsOutlined,
} from '@ant-design/icons';
import type {
  FlowDefinition,
  FlowEdge,
  FlowNode,
  FormDefinition,
  NodeType,
} from '@liuyun/definitions';
import { useReactFlow } from '@xyflow/react';
import { App, Badge, Button, Flex, Space, Tooltip } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import type { ErrorIndex } from '../draft/definition-errors';
import { sentencesBy } from '../draft/error-text';
import { isTypingTarget } from '../draft/keyboard';
import type { FlowOverlay } from './canvas-derive';
import { autoLayout } from './dagre-layout';
import {
  addNode,
  copySelection,
  freshId,
  moveNodes,
  newNode,
  paste,
  removeElements,
  updateEdge,
  updateNode,
  type FlowClipboard,
} from './flow-commands';
import {
  FlowEditorCanvas,
  typeName,
  type FlowCommand,
  type FlowSelection,
} from './FlowEditorCanvas';
import { NodePalette } from './NodePalette';
import { EdgeInspector } from './panels/EdgeInspector';
import { FlowSettingsPanel } from './panels/FlowSettingsPanel';
import { NodeInspector } from './panels/NodeInspector';

export interface FlowDesignerProps {
  flow: FlowDefinition;
  form: FormDefinition;
  onCommand: (command: FlowCommand, mergeKey?: string) => void;
  errors: ErrorIndex;
  /** The flow the errors were found in: errors of nodes changed since are not shown. */
  errorsIn: FlowDefinition | null;
  /** The simulation panel (or nothing), shown instead of the inspector. */
  simulation?: { panel: React.ReactNode; overlay: FlowOverlay } | null;
  onToggleSimulation: () => void;
}

/** The flow tab: palette, canvas and the side panel of what is selected. */
export function FlowDesigner(props: FlowDesignerProps) {
  const { flow, form, onCommand, errors, errorsIn } = props;
  const i18n = useI18n();
  const { t } = i18n;
  const { message } = App.useApp();
  const { getViewport, setCenter } = useReactFlow();
  const [fitSignal, setFitSignal] = useState(0);
  const [selection, setSelection] = useState<FlowSelection>({ nodeIds: [], edgeIds: [] });
  const clipboard = useRef<FlowClipboard | null>(null);
  const pasteCount = useRef(0);

  const nodeErrors = useMemo(() => {
    const before = new Map((errorsIn?.nodes ?? []).map((n) => [n.id, n]));
    const now = new Map(flow.nodes.map((n) => [n.id, n]));
    return sentencesBy(errors.nodes, i18n, (id) => now.has(id) && now.get(id) === before.get(id));
  }, [errors, errorsIn, flow.nodes, i18n]);
  const edgeErrors = useMemo(() => {
    const before = new Map((errorsIn?.edges ?? []).map((e) => [e.id, e]));
    const now = new Map(flow.edges.map((e) => [e.id, e]));
    return sentencesBy(errors.edges, i18n, (id) => now.has(id) && now.get(id) === before.get(id));
  }, [errors, errorsIn, flow.edges, i18n]);

  const selectedNode: FlowNode | undefined =
    selection.nodeIds.length === 1 && selection.edgeIds.length === 0
      ? flow.nodes.find((n) => n.id === selection.nodeIds[0])
      : undefined;
  const selectedEdge: FlowEdge | undefined =
    selection.edgeIds.length === 1 && selection.nodeIds.length === 0
      ? flow.edges.find((e) => e.id === selection.edgeIds[0])
      : undefined;

  /** Adds a node of `type` below the selected node (or in the middle of the view) and shows it. */
  const addFromPalette = useCallback(
    (type: NodeType) => {
      const anchor = flow.nodes.find((n) => n.id === selection.nodeIds[0]);
      const viewport = getViewport();
      const position = anchor?.position
        ? { x: anchor.position.x, y: anchor.position.y + 120 }
        : {
            x: Math.round(-viewport.x / viewport.zoom + 200),
            y: Math.round(-viewport.y / viewport.zoom + 120),
          };
      onCommand((f) => addNode(f, newNode(type, freshId(f, type), typeName(type), position)));
      void setCenter(position.x + 88, position.y + 28, { zoom: viewport.zoom, duration: 200 });
    },
    [flow.nodes, selection.nodeIds, getViewport, setCenter, onCommand],
  );

  const copy = useCallback(() => {
    const clip = copySelection(flow, new Set(selection.nodeIds));
    if (clip.nodes.length === 0) return;
    clipboard.current = clip;
    pasteCount.current = 0;
    void message.success(t('flowEditor.copied', { n: clip.nodes.length }));
  }, [flow, selection.nodeIds, message, t]);

  const pasteClipboard = useCallback(() => {
    const clip = clipboard.current;
    if (!clip) return;
    pasteCount.current += 1;
    const shift = 40 * pasteCount.current;
    onCommand((f) => paste(f, clip, { x: shift, y: shift }).flow);
  }, [onCommand]);

  const removeSelected = useCallback(() => {
    const nodes = new Set(
      selection.nodeIds.filter((id) => flow.nodes.find((n) => n.id === id)?.type !== 'start'),
    );
    onCommand((f) => removeElements(f, nodes, new Set(selection.edgeIds)));
  }, [selection, flow.nodes, onCommand]);

  const layout = useCallback(() => {
    onCommand((f) => moveNodes(f, autoLayout(f)));
    setFitSignal((n) => n + 1);
  }, [onCommand]);

  // Delete, Ctrl+C / Ctrl+V and Ctrl+Shift+L on the canvas (undo and save are the page's).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target)) return;
      if ((event.key === 'Delete' || event.key === 'Backspace') && !props.simulation) {
        event.preventDefault();
        removeSelected();
        return;
      }
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'c') copy();
      else if (key === 'v') pasteClipboard();
      else if (key === 'l' && event.shiftKey) layout();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [copy, pasteClipboard, layout, removeSelected, props.simulation]);

  const errorCount = nodeErrors.size + edgeErrors.size + errors.flow.length;

  let panel: React.ReactNode;
  if (props.simulation) panel = props.simulation.panel;
  else if (selectedNode)
    panel = (
      <NodeInspector
        key={selectedNode.id}
        node={selectedNode}
        form={form}
        errors={nodeErrors.get(selectedNode.id) ?? []}
        onChange={(node, key) => onCommand((f) => updateNode(f, node.id, () => node), key)}
      />
    );
  else if (selectedEdge)
    panel = (
      <EdgeInspector
        key={selectedEdge.id}
        edge={selectedEdge}
        flow={flow}
        form={form}
        errors={edgeErrors.get(selectedEdge.id) ?? []}
        onChange={(edge, key) => onCommand((f) => updateEdge(f, edge.id, () => edge), key)}
      />
    );
  else
    panel = <FlowSettingsPanel flow={flow} onChange={(next, key) => onCommand(() => next, key)} />;

  return (
    <div className="flow-designer">
      <NodePalette onAdd={addFromPalette} />
      <div className="flow-designer-main">
        <Flex className="builder-toolbar" justify="space-between" align="center" wrap gap={8}>
          <Space wrap>
            <Tooltip title={t('flowEditor.layoutHint')}>
              <Button icon={<ApartmentOutlined />} onClick={layout} data-testid="auto-layout">
                {t('flowEditor.layout')}
              </Button>
            </Tooltip>
            <Button
              icon={<CopyOutlined />}
              onClick={copy}
              disabled={selection.nodeIds.length === 0}
            >
              {t('flowEditor.copy')}
            </Button>
            <Button
              icon={<SnippetsOutlined />}
              onClick={pasteClipboard}
              disabled={clipboard.current === null}
            >
              {t('flowEditor.paste')}
            </Button>
            <Button
              icon={<DeleteOutlined />}
              onClick={removeSelected}
              disabled={selection.nodeIds.length === 0 && selection.edgeIds.length === 0}
            >
              {t('flowEditor.delete')}
            </Button>
          </Space>
          <Space>
            {errorCount > 0 && (
              <Badge count={errorCount} data-testid="flow-error-count">
                <span className="error-count-label">{t('flowEditor.errors')}</span>
              </Badge>
            )}
            <Button
              type={props.simulation ? 'primary' : 'default'}
              icon={<ExperimentOutlined />}
              onClick={props.onToggleSimulation}
              data-testid="toggle-simulation"
              aria-pressed={props.simulation ? true : false}
            >
              {t('sim.title')}
            </Button>
          </Space>
        </Flex>
        {errors.flow.length > 0 && (
          <ul className="flow-errors plain-list" data-testid="flow-errors">
            {errors.flow.map((e) => (
              <li key={`${e.code}${e.path}`}>{e.message}</li>
            ))}
          </ul>
        )}
        <FlowEditorCanvas
          flow={flow}
          onCommand={props.simulation ? undefined : onCommand}
          onSelectionChange={setSelection}
          nodeErrors={nodeErrors}
          edgeErrors={edgeErrors}
          overlay={props.simulation?.overlay}
          height="calc(100vh - 250px)"
          fitSignal={fitSignal}
        />
      </div>
      <aside className="builder-panel" aria-label={t('flowEditor.panel')}>
        {panel}
      </aside>
    </div>
  );
}
