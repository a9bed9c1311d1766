/**
 * The order in which a run converts and scores its modes. The lab worker converts one mode while the
 * runtime workers score the one before (src/ui/quant/measure-modes.ts), so the run ends with the last
 * mode's scoring: a mode LiteRT.js runs on slow kernels (LAB_MODES' `slowKernels`, e.g. int16x8, which
 * XNNPACK does not run) is taken second instead, where its scoring overlaps the other conversions. The
 * first mode stays first (the runtime workers wait for it either way); the rest keep their order, so
 * a mode that reuses an earlier one's simulation (int8-io after int8) still comes after it.
 */
import { isLabMode, LAB_MODES } from '../modes/lab-modes';

const slow = (mode: string) => isLabMode(mode) && (LAB_MODES[mode] as { slowKernels?: boolean }).slowKernels === true;

/** Indices into `modes` in processing order (results are still shown in the order of `modes`). */
export function scoringOrder(modes: readonly string[]): number[] {
  const rest = modes.map((_, i) => i).slice(1);
  if (modes.length === 0) return [];
  return [0, ...rest.filter((i) => slow(modes[i]!)), ...rest.filter((i) => !slow(modes[i]!))];
}
