import { useId, useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerError } from '../../core/debug/layer-errors';
import { layoutGraph, type PlacedEdge } from '../../core/graph/view/layout-graph';
import { errorShade } from '../../core/graph/view/node-stats';
import type { OpGraph } from '../../core/graph/view/op-graph';

interface Props {
  graph: OpGraph;
  /** What the graph shows, for its accessible name (a model or a file name). */
  name: string;
  /** Where the graph comes from, as data-source: 'lab' (the lab's model) or 'file' (the inspector's). */
  source: 'lab' | 'file';
  /** The per-layer debugger's errors by output tensor name; nodes are shaded by them. */
  errors?: ReadonlyMap<string, LayerError>;
  /** Output tensor names kept in float (drawn with a dashed border). */
  keepFloat?: ReadonlySet<string>;
  selected?: string;
  onSelect: (nodeId: string) => void;
}

/** "[1, 28, 28, 8]" as "1×28×28×8". */
export const shapeText = (shape: readonly number[]) => (shape.length === 0 ? 'scalar' : shape.join('×'));

function edgePath(e: PlacedEdge): string {
  return e.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/**
 * The model's graph as SVG, laid out left to right (dagre). Every node is a focusable button: click it, or
 * press Enter or Space on it, to select it. Colours come from classes (the CSP allows no inline styles).
 */
export function GraphView({ graph, name, source, errors, keepFloat, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const layout = useMemo(() => layoutGraph(graph), [graph]);
  const arrow = `graph-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const onKey = (id: string) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(id);
    }
  };
  return (
    // Everything drawn in the graph is an identifier (op types, layer and tensor names, shapes): translate="no".
    <div className="graph-scroll" data-testid="graph-view" data-source={source} translate="no">
      <svg
        className="graph-svg"
        width={layout.width}
        height={layout.height}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label={t('graph.ariaLabel', { name, count: graph.nodes.length })}
      >
        <defs>
          <marker id={arrow} viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L8,4 L0,8 z" className="graph-arrowhead" />
          </marker>
        </defs>
        {layout.edges.map((e, i) => (
          <g key={i} className="graph-edge">
            <path d={edgePath(e)} markerEnd={`url(#${arrow})`} />
            <text x={e.label.x} y={e.label.y - 4} textAnchor="middle" className="graph-edge-label">
              {shapeText(e.shape)}
            </text>
          </g>
        ))}
        {layout.nodes.map((n) => {
          const shade = errorShade(errors?.get(n.tensorName)?.rmseOverScale);
          const classes = [
            'graph-node',
            shade === undefined ? 'shade-none' : `shade-${shade}`,
            n.id === selected ? 'selected' : '',
            keepFloat?.has(n.tensorName) ? 'kept' : '',
          ].filter(Boolean);
          return (
            <g
              key={n.id}
              className={classes.join(' ')}
              transform={`translate(${n.x},${n.y})`}
              tabIndex={0}
              role="button"
              aria-pressed={n.id === selected}
              data-testid={`graph-node-${n.id}`}
              onClick={() => onSelect(n.id)}
              onKeyDown={onKey(n.id)}
            >
              <rect width={n.width} height={n.height} rx={6} />
              <text x={8} y={18} className="graph-node-op">
                {n.op}
              </text>
              <text x={8} y={36} className="graph-node-name">
                {n.id} · {shapeText(n.outputShape)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
