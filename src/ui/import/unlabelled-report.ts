/**
 * report.json of a quantization run of a model whose input is not MNIST, as the CLI writes it for the same
 * model (src/core/report: buildReport with unlabelledSettings): what "Download all" zips and what a run keeps.
 */
import type { LabReport } from '../../core/report/report';
import { buildReport, unlabelledSettings } from '../../core/report/build-report';
import type { UnlabelledResults } from './use-unlabelled-quantization';

/** The report of `results`: the modes done, in the run's order; the files by mode. */
export function unlabelledReport(
  results: UnlabelledResults,
  created = new Date(),
): { report: LabReport; files: Record<string, Uint8Array> } {
  const done = results.modes.flatMap((mode) => results.done[mode] ?? []);
  const settings = unlabelledSettings(results.model.source?.file ?? 'imported', results.images, results.range);
  return {
    report: buildReport(
      results.model,
      settings,
      done.map((d) => d.entry),
      0,
      created,
    ),
    files: Object.fromEntries(done.map((d) => [d.entry.mode, d.bytes])),
  };
}
