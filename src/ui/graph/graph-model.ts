/**
 * The graph view's decisions, without React: which error belongs to which node, and the mixed-precision
 * export of the nodes kept in float. Pure.
 */
import type { LayerError } from '../../core/debug/layer-errors';
import type { OpGraphNode } from '../../core/graph/view/op-graph';
import { supportsKeepFloat, type QuantMode } from '../../core/modes/lab-modes';
import type { QuantRecipe } from '../../core/quant/recipe';

/** The debugger's rows by the output tensor name (the node's tensorName). */
export function errorsByTensor(rows: readonly LayerError[] | undefined): ReadonlyMap<string, LayerError> {
  return new Map((rows ?? []).map((r) => [r.tensorName, r]));
}

/** Nodes that can be kept in float: ops of the model (not its input), and only for modes that honour it. */
export function canKeepFloat(node: OpGraphNode, mode: QuantMode): boolean {
  return node.opIndex >= 0 && supportsKeepFloat(mode);
}

/**
 * The mixed-precision export of `keep` (output tensor names): `${mode}-mixed` with keepFloat in the graph's
 * op order (as the debugger writes it). None when nothing is kept.
 */
export function graphMixedExport(
  nodes: readonly OpGraphNode[],
  keep: ReadonlySet<string>,
  recipe: QuantRecipe,
): { mode: string; recipe: QuantRecipe } | undefined {
  const keepFloat = nodes.filter((n) => n.opIndex >= 0 && keep.has(n.tensorName)).map((n) => n.tensorName);
  if (keepFloat.length === 0) return undefined;
  return { mode: `${recipe.mode}-mixed`, recipe: { ...recipe, keepFloat } };
}
