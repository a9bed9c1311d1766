/**
 * Why a layer's input shapes do not fit it, as data (layer-shapes.ts finds it): a code and the names and shapes.
 * LayerShapeError carries it; its message is the English sentence written here, and the page's other languages
 * write their own from the same data (src/ui/i18n/messages/import.zh-TW.ts).
 */

import { CodedError } from '../errors/coded-error';

export type ShapeProblem =
  | { code: 'shape-rank'; layer: string; type: string; rank: number; got: number[] }
  | { code: 'shape-reshape'; layer: string; from: number[]; to: number[] }
  | { code: 'shape-binary'; layer: string; type: string; got: number[][] }
  | { code: 'shape-concat'; layer: string; got: number[][] }
  | { code: 'shape-reads'; layer: string; input: string };

const dims = (s: readonly number[]) => `[${s.join(', ')}]`;
const shapes = (ss: readonly number[][]) => ss.map(dims).join(' and ');

const SENTENCES: { [K in ShapeProblem['code']]: (p: Extract<ShapeProblem, { code: K }>) => string } = {
  'shape-rank': (p) => `layer ${p.layer} (${p.type}) needs a rank-${p.rank} input, got ${dims(p.got)}`,
  'shape-reshape': (p) => `layer ${p.layer}: cannot reshape ${dims(p.from)} to ${dims(p.to)}`,
  'shape-binary': (p) => `layer ${p.layer} (${p.type}) needs two inputs of one shape, got ${shapes(p.got)}`,
  'shape-concat': (p) =>
    `layer ${p.layer} (concatenate) needs inputs that differ only in the last axis, got ${shapes(p.got)}`,
  'shape-reads': (p) => `layer ${p.layer} reads ${p.input}, which is not an earlier layer`,
};

/** The English sentence of a shape problem (lower case: it is also quoted inside other sentences). */
export function englishShapeProblem(p: ShapeProblem): string {
  return (SENTENCES[p.code] as (p: ShapeProblem) => string)(p);
}

/** Layer shapes that do not fit; the message is the English sentence of `problem`. */
export class LayerShapeError extends CodedError<ShapeProblem> {
  override name = 'LayerShapeError';

  constructor(problem: ShapeProblem) {
    super(problem, englishShapeProblem(problem));
  }
}
