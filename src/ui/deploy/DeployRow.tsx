import { generateCSource } from '../../core/deploy/c-source';
import { zipCSource } from '../../core/deploy/c-source-zip';
import type { DeployCheck } from '../../core/deploy/deploy-check';
import { downloadBytes } from '../results/download';

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const bytes = (n: number) => n.toLocaleString('en-US');

/** Saves `<mode>-tflm.zip` with the mode's model_data.h/.cc and main.cc. */
function downloadC(mode: string, file: Uint8Array) {
  downloadBytes(zipCSource(generateCSource(file, mode)), `${mode}-tflm.zip`, 'application/zip');
}

interface Props {
  mode: string;
  check: DeployCheck;
  file: Uint8Array;
}

/** One file's deployment row: TFLM, Edge TPU, arena, RAM, flash, fit with margin, C source download. */
export function DeployRow({ mode, check: c, file }: Props) {
  const fitText = c.fits
    ? `fits (${kb(c.fit.ramMarginBytes)} RAM spare)`
    : c.tflm.compatible
      ? `does not fit (${kb(Math.min(c.fit.ramMarginBytes, c.fit.flashMarginBytes))})`
      : 'cannot run';
  const edge = c.edgeTpu.compatible
    ? `yes${c.edgeTpu.cpuOps.length ? ` (${c.edgeTpu.cpuOps.map((o) => o.opName).join(', ')} on CPU)` : ''}`
    : `no (${c.edgeTpu.mappedOps} ops map)`;
  return (
    <tr data-testid={`deploy-row-${mode}`}>
      <td>{mode}</td>
      <td title={c.tflm.reasons.join('\n')}>{c.tflm.compatible ? 'yes' : 'no'}</td>
      <td title={c.edgeTpu.reasons.join('\n')}>{edge}</td>
      <td data-testid={`arena-bytes-${mode}`}>{bytes(c.arena.arenaBytes)}</td>
      <td>{bytes(c.tensorArenaBytes)}</td>
      <td>{bytes(c.fit.flashBytes)}</td>
      <td data-testid={`deploy-fits-${mode}`} className={c.fits ? 'ok' : 'error'}>
        {fitText}
      </td>
      <td>
        <button
          className="secondary"
          data-testid={`download-c-${mode}`}
          disabled={!c.tflm.compatible}
          title={c.tflm.compatible ? 'model_data.h, model_data.cc and main.cc for TFLite Micro' : c.tflm.reasons[0]}
          onClick={() => downloadC(mode, file)}
        >
          C source (.zip)
        </button>
      </td>
    </tr>
  );
}
