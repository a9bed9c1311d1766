/**
 * Left-to-right layout of an OpGraph with dagre (@dagrejs/dagre, the maintained fork of dagre.js): node
 * boxes and edge polylines in SVG user units. Pure: the view only draws what this returns.
 */
import dagre from '@dagrejs/dagre';
import type { OpGraph, OpGraphEdge, OpGraphNode } from './op-graph';

export interface PlacedNode extends OpGraphNode {
  /** Top-left corner and size of the node's box. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends OpGraphEdge {
  points: { x: number; y: number }[];
  /** Where the shape label goes (the middle point of the polyline). */
  label: { x: number; y: number };
}

export interface GraphLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 46;
const MARGIN = 12;

/** Places `graph` left to right (rankdir LR); the result is translated to start at (MARGIN, MARGIN). */
export function layoutGraph(graph: OpGraph): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 48, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  graph.edges.forEach((e, i) => g.setEdge(e.from, e.to, { width: 60, height: 14, labelpos: 'c' }, `e${i}`));
  dagre.layout(g);
  const nodes = graph.nodes.map((n) => {
    const p = g.node(n.id);
    return { ...n, x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT };
  });
  const edges = graph.edges.map((e, i) => {
    const label = g.edge({ v: e.from, w: e.to, name: `e${i}` });
    const points = (label.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y }));
    const mid = points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
    return { ...e, points, label: { x: label.x ?? mid.x, y: label.y ?? mid.y } };
  });
  const size = g.graph();
  return { nodes, edges, width: (size.width ?? 0) + MARGIN, height: (size.height ?? 0) + MARGIN };
}
