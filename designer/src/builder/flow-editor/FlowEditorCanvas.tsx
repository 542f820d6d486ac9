import '@xyflow/react/dist/style.css';
import type { FlowDefinition, FlowEdge, NodeType } from '@liuyun/definitions';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { I18nValue } from '../../i18n/i18n.context';
import { en, zh } from '../../i18n/messages';
import { useI18n } from '../../i18n/useI18n';
import type { CanvasEdge, CanvasNode } from '../../flow/canvas.types';
import { nodeComponents } from '../../flow/node-components';
import { deriveNodes, styledEdge, type CachedNode, type FlowOverlay } from './canvas-derive';
import { connectionProblem } from './connection-rules';
import {
  addNode,
  connect,
  freshId,
  moveNodes,
  newNode,
  removeElements,
  type Point,
} from './flow-commands';

/** The drag payload a palette item carries. */
export const NODE_DRAG_TYPE = 'application/x-liuyun-node';

export type FlowCommand = (flow: FlowDefinition) => FlowDefinition;

export interface FlowSelection {
  nodeIds: string[];
  edgeIds: string[];
}

export interface FlowEditorCanvasProps {
  flow: FlowDefinition;
  /** Absent: a read-only drawing (versions, diffs). */
  onCommand?: (command: FlowCommand, mergeKey?: string) => void;
  onSelectionChange?: (selection: FlowSelection) => void;
  nodeErrors?: ReadonlyMap<string, string[]>;
  edgeErrors?: ReadonlyMap<string, string[]>;
  overlay?: FlowOverlay;
  height?: number | string;
  testId?: string;
  /** Changed by the designer after an auto-layout: the view fits the flow once it is drawn. */
  fitSignal?: number;
}

const NO_ERRORS: ReadonlyMap<string, string[]> = new Map();
const NO_OVERLAY: FlowOverlay = {};

export function edgeLabel(edge: FlowEdge, i18n: Pick<I18nValue, 't' | 'text'>): string | undefined {
  if (edge.label) return i18n.text(edge.label);
  if (edge.outcome === 'approve') return i18n.t('flow.edge.approve');
  if (edge.outcome === 'reject') return i18n.t('flow.edge.reject');
  if (edge.isDefault) return i18n.t('flow.edge.default');
  if (edge.condition !== undefined) return i18n.t('flowEditor.edge.condition');
  return undefined;
}

/** A node's default name in both languages: the name of its type. */
export function typeName(type: NodeType): { zh: string; en: string } {
  const key = `flow.node.${type}` as const;
  return { zh: zh[key], en: en[key] };
}

/**
 * The flow designer's canvas: a view of the flow definition. Drags, drops, connections and
 * deletions become commands on the definition; between commands React Flow only moves the
 * node being dragged (its other nodes keep their objects, so they do not re-render).
 */
export function FlowEditorCanvas(props: FlowEditorCanvasProps) {
  const { flow, onCommand, onSelectionChange } = props;
  const editable = onCommand !== undefined;
  const i18n = useI18n();
  const { message } = App.useApp();
  const { screenToFlowPosition, fitView } = useReactFlow();
  const nodeErrors = props.nodeErrors ?? NO_ERRORS;
  const edgeErrors = props.edgeErrors ?? NO_ERRORS;
  const overlay = props.overlay ?? NO_OVERLAY;

  const flowRef = useRef(flow);
  flowRef.current = flow;
  const cache = useRef(new Map<string, CachedNode>());

  const derivedNodes = useMemo(
    () => deriveNodes(flow, cache.current, { editable, nodeErrors, overlay }),
    [flow, editable, nodeErrors, overlay],
  );
  const derivedEdges = useMemo(
    () =>
      flow.edges.map((edge) =>
        styledEdge(
          edge,
          {
            label: edgeLabel(edge, i18n),
            errors: edgeErrors.get(edge.id) ?? [],
            traversed: overlay.traversedEdges?.has(edge.id) ?? false,
            diff: overlay.edgeDiff?.get(edge.id),
          },
          editable,
        ),
      ),
    [flow.edges, edgeErrors, overlay, i18n, editable],
  );

  const [nodes, setNodes] = useState<CanvasNode[]>(derivedNodes);
  const [edges, setEdges] = useState<CanvasEdge[]>(derivedEdges);

  // A new definition (a command, undo, redo) replaces the drawing; the selection stays.
  useEffect(() => {
    setNodes((previous) => {
      const selected = new Set(previous.filter((n) => n.selected).map((n) => n.id));
      const measured = new Map(previous.map((n) => [n.id, n.measured]));
      return derivedNodes.map((n) => {
        const wasSelected = selected.has(n.id);
        const size = measured.get(n.id);
        if (!wasSelected && (n.measured || !size)) return n;
        return {
          ...n,
          ...(wasSelected ? { selected: true } : {}),
          ...(size && !n.measured ? { measured: size } : {}),
        };
      });
    });
  }, [derivedNodes]);
  useEffect(() => {
    setEdges((previous) => {
      const selected = new Set(previous.filter((e) => e.selected).map((e) => e.id));
      return derivedEdges.map((e) => (selected.has(e.id) ? { ...e, selected: true } : e));
    });
  }, [derivedEdges]);

  // Fit once the nodes of the new layout are in React Flow's state (the effect above ran).
  const fitPending = useRef(false);
  useEffect(() => {
    if (props.fitSignal) fitPending.current = true;
  }, [props.fitSignal]);
  useEffect(() => {
    if (!fitPending.current) return;
    fitPending.current = false;
    window.requestAnimationFrame(() => void fitView({ padding: 0.2, maxZoom: 1 }));
  }, [nodes, fitView]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    // Removals arrive through onDelete as one command; everything else is the view's own.
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length > 0) setNodes((current) => applyNodeChanges(kept, current));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<CanvasEdge>[]) => {
    const kept = changes.filter((c) => c.type !== 'remove');
    if (kept.length > 0) setEdges((current) => applyEdgeChanges(kept, current));
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: CanvasNode, dragged: CanvasNode[]) => {
      if (!onCommand) return;
      const positions = new Map<string, Point>(dragged.map((n) => [n.id, n.position]));
      onCommand((f) => moveNodes(f, positions));
    },
    [onCommand],
  );

  const onDelete = useCallback(
    ({ nodes: gone, edges: cut }: { nodes: CanvasNode[]; edges: CanvasEdge[] }) => {
      onCommand?.((f) =>
        removeElements(
          f,
          new Set(gone.filter((n) => n.type !== 'start').map((n) => n.id)),
          new Set(cut.map((e) => e.id)),
        ),
      );
    },
    [onCommand],
  );

  const isValidConnection: IsValidConnection = useCallback(
    (c) => connectionProblem(flowRef.current, c.source, c.target) === null,
    [],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      if (connectionProblem(flowRef.current, c.source, c.target) !== null) return;
      onCommand?.((f) => connect(f, c.source, c.target));
    },
    [onCommand],
  );

  const onConnectEnd = useCallback(
    (_: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (state.isValid !== false || !state.fromNode || !state.toNode) return;
      const problem = connectionProblem(flowRef.current, state.fromNode.id, state.toNode.id);
      if (problem) void message.warning(i18n.t(`flowEditor.refuse.${problem}`));
    },
    [message, i18n],
  );

  const onSelection = useCallback(
    ({ nodes: n, edges: e }: OnSelectionChangeParams) =>
      onSelectionChange?.({ nodeIds: n.map((x) => x.id), edgeIds: e.map((x) => x.id) }),
    [onSelectionChange],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(NODE_DRAG_TYPE) as NodeType;
      if (!type || !onCommand) return;
      event.preventDefault();
      const at = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const position = { x: Math.round(at.x - 88), y: Math.round(at.y - 24) };
      onCommand((f) => addNode(f, newNode(type, freshId(f, type), typeName(type), position)));
    },
    [onCommand, screenToFlowPosition],
  );

  const large = flow.nodes.length > 120;

  return (
    <div
      className={`flow-canvas flow-editor-canvas${overlay.nodeStates ? ' is-simulating' : ''}`}
      style={{ height: props.height ?? 560 }}
      data-testid={props.testId ?? 'flow-editor-canvas'}
      onDragOver={onDragOver}
      onDrop={onDrop}
    >
      <ReactFlow<CanvasNode, CanvasEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeComponents}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onDelete={onDelete}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onSelectionChange={onSelection}
        nodesDraggable={editable}
        nodesConnectable={editable}
        elementsSelectable
        // Delete is the designer's own shortcut (one command for the whole selection).
        deleteKeyCode={null}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        onlyRenderVisibleElements={large}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.1}
        maxZoom={2}
        snapToGrid
        snapGrid={[8, 8]}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} size={1} color="#dfe3ea" />
        <MiniMap
          pannable
          zoomable
          position="bottom-left"
          ariaLabel={i18n.t('flowEditor.minimap')}
        />
        <Controls position="bottom-right" showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
