import { Background, Controls, Handle, MiniMap, Position, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTheme } from '../../core/theme';
import { useT } from '../../i18n';
import { cachedLayout, layoutGraphCached, type Box } from './layout-graph';
import { structureKey, type GraphNode, type VisibleGraph } from './topology-model';

type BoxData = { graphNode: GraphNode; selected: boolean; subtitle: string };
type FlowNode = Node<BoxData, 'box'>;

const KIND_MARK: Record<GraphNode['kind'], string> = { environment: 'ENV', service: 'SVC', replicas: 'REP', instance: 'KEY', container: 'CTR', engine: 'HOST' };

const TopologyBox = memo(function TopologyBox({ data }: NodeProps<FlowNode>) {
  const t = useT();
  const n = data.graphNode;
  const reasons = n.node.reasons.join('\n');
  return (
    <div
      className={`topo-node topo-node--${n.kind} topo-health--${n.health}${n.match ? ' topo-node--match' : ''}${data.selected ? ' topo-node--selected' : ''}${n.node.production ? ' topo-node--prod' : ''}`}
      data-testid="topology-node"
      data-id={n.id}
      data-kind={n.kind}
      data-health={n.health}
      title={reasons || undefined}
    >
      {n.kind !== 'environment' && <Handle type="target" position={Position.Left} isConnectable={false} />}
      <span className="topo-node__mark">{KIND_MARK[n.kind]}</span>
      <span className="topo-node__text">
        <span className="topo-node__label">{n.kind === 'replicas' ? t('topology.replicasLabel', { count: n.summary?.total ?? 0 }) : n.label}</span>
        {data.subtitle && <span className="topo-node__sub">{data.subtitle}</span>}
      </span>
      <span className="topo-node__dot" aria-hidden />
      {n.kind !== 'engine' && <Handle type="source" position={Position.Right} isConnectable={false} />}
    </div>
  );
});

const nodeTypes = { box: TopologyBox };

interface TopologyGraphProps {
  graph: VisibleGraph;
  selected?: string;
  /** Changes when the engineer changes what is shown (filters): the view is fitted again then. */
  fitKey: string;
  /** Boxes to bring into view once they are laid out (e.g. a service just expanded); a new object each time. */
  focus?: { ids: string[] };
  subtitle(node: GraphNode): string;
  onSelect(node: GraphNode): void;
}

function Graph({ graph, selected, fitKey, focus, subtitle, onSelect }: TopologyGraphProps) {
  const t = useT();
  const { theme } = useTheme();
  const flow = useReactFlow();
  const key = useMemo(() => structureKey(graph), [graph]);
  // A graph laid out before (a later visit, a filter switched back) draws at once from the cache.
  const [layout, setLayout] = useState<{ key: string; boxes: Map<string, Box> } | undefined>(() => {
    const boxes = cachedLayout(key);
    return boxes && { key, boxes };
  });
  const lastFit = useRef<{ fitKey?: string; layoutKey?: string; focus?: { ids: string[] } }>({});
  // Once the engineer pans or zooms, live changes no longer refit the view.
  const userMoved = useRef(false);

  // The layout is redone only when boxes or lines come or go; health changes keep every box in place.
  useEffect(() => {
    let cancelled = false;
    void layoutGraphCached(graph, key).then((boxes) => {
      if (!cancelled) setLayout((current) => (current?.key === key ? current : { key, boxes }));
    });
    return () => {
      cancelled = true;
    };
    // graph is fully described by key: a new layout only when the structure changes.
  }, [key]);

  const nodes: FlowNode[] = useMemo(
    () =>
      graph.nodes.flatMap((n) => {
        const box = layout?.boxes.get(n.id);
        if (!box) return [];
        return [{ id: n.id, type: 'box' as const, position: { x: box.x, y: box.y }, width: box.width, height: box.height, data: { graphNode: n, selected: n.id === selected, subtitle: subtitle(n) }, draggable: false, connectable: false }];
      }),
    [graph, layout, selected, subtitle],
  );
  const healthOf = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n.health])), [graph]);
  const edges: Edge[] = useMemo(
    () =>
      graph.edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        className: `topo-edge topo-edge--${healthOf.get(e.target) === 'error' ? 'error' : 'ok'}`,
        focusable: false,
      })),
    [graph, healthOf],
  );

  // Fit when a layout arrives, until the engineer moves the view; a filter change fits again;
  // a focus request shows just those boxes.
  useEffect(() => {
    if (!layout) return;
    const filterChanged = lastFit.current.fitKey !== fitKey;
    if (filterChanged) userMoved.current = false;
    const focusBoxes = focus && focus !== lastFit.current.focus ? focus.ids.map((id) => layout.boxes.get(id)).filter((b): b is Box => b !== undefined) : [];
    if (focus && focusBoxes.length < focus.ids.length) return; // not laid out yet
    if (!filterChanged && focusBoxes.length === 0 && (userMoved.current || lastFit.current.layoutKey === layout.key)) return;
    lastFit.current = { fitKey, layoutKey: layout.key, focus };
    const boxes = focusBoxes.length > 0 ? focusBoxes : [...layout.boxes.values()];
    if (focusBoxes.length > 0) userMoved.current = true;
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const bounds = { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
    const timer = window.setTimeout(() => void flow.fitBounds(bounds, { padding: 0.1 }), 30);
    return () => window.clearTimeout(timer);
  }, [layout, fitKey, focus, flow]);

  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      colorMode={theme}
      onNodeClick={(_event, node) => onSelect(node.data.graphNode)}
      onMove={(event) => {
        // Only a real pan or zoom by the engineer has an event (fitting the view has none).
        if (event) userMoved.current = true;
      }}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      minZoom={0.05}
      maxZoom={2}
      proOptions={{ hideAttribution: true }}
      aria-label={t('topology.graphLabel')}
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} />
      {graph.nodes.length > 60 && <MiniMap pannable zoomable style={{ width: 160, height: 110 }} nodeClassName={(node) => `topo-mini topo-mini--${(node.data as BoxData).graphNode.health}`} />}
    </ReactFlow>
  );
}

/** The map: automatic left-to-right layout (elkjs), zoom and pan (React Flow). */
export function TopologyGraph(props: TopologyGraphProps) {
  return (
    <div className="topo-graph" data-testid="topology-graph">
      <ReactFlowProvider>
        <Graph {...props} />
      </ReactFlowProvider>
    </div>
  );
}
