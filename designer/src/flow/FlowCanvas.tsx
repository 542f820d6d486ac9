import '@xyflow/react/dist/style.css';
import type { FlowDefinition, FlowEdge } from '@liuyun/definitions';
import { Background, Controls, MarkerType, ReactFlow } from '@xyflow/react';
import { useMemo } from 'react';
import { useI18n } from '../i18n/useI18n';
import type { I18nValue } from '../i18n/i18n.context';
import { toCanvas, type RunInfo } from './canvas-model';
import { FlowLegend } from './FlowLegend';
import { nodeComponents } from './node-components';

const TRAVERSED = '#1668dc';
const IDLE = '#b8c0cc';

function edgeLabel(edge: FlowEdge, i18n: I18nValue): string | undefined {
  if (edge.label) return i18n.text(edge.label);
  if (edge.outcome === 'approve') return i18n.t('flow.edge.approve');
  if (edge.outcome === 'reject') return i18n.t('flow.edge.reject');
  if (edge.isDefault) return i18n.t('flow.edge.default');
  return undefined;
}

export interface FlowCanvasProps {
  flow: FlowDefinition;
  run: RunInfo | null;
  height?: number;
}

/**
 * A read-only drawing of a flow with the run laid over it: the path taken in colour, the
 * nodes the instance waits at outlined and pulsing.
 */
export default function FlowCanvas({ flow, run, height = 440 }: FlowCanvasProps) {
  const i18n = useI18n();
  const { nodes, edges } = useMemo(() => {
    const canvas = toCanvas(flow, run);
    return {
      nodes: canvas.nodes,
      edges: canvas.edges.map((e) => {
        const color = e.data?.traversed ? TRAVERSED : IDLE;
        const label = e.data ? edgeLabel(e.data.edge, i18n) : undefined;
        return {
          ...e,
          label,
          labelBgPadding: [6, 3] as [number, number],
          labelBgBorderRadius: 4,
          labelStyle: { fill: e.data?.traversed ? TRAVERSED : '#5c6573', fontSize: 12 },
          style: { stroke: color, strokeWidth: e.data?.traversed ? 2.25 : 1.5 },
          markerEnd: { type: MarkerType.ArrowClosed, color, width: 18, height: 18 },
        };
      }),
    };
  }, [flow, run, i18n]);

  return (
    <div data-testid="flow-canvas">
      <div className="flow-canvas" style={{ height }}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeComponents}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          zoomOnScroll={false}
          preventScrolling={false}
          minZoom={0.3}
          maxZoom={1.5}
        >
          <Background gap={18} size={1} color="#dfe3ea" />
          <Controls showInteractive={false} position="bottom-right" />
        </ReactFlow>
      </div>
      <FlowLegend />
    </div>
  );
}
