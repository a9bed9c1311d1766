import type { LayerError } from '../../core/debug/layer-errors';
import { formatInt } from '../results/results-format';
import { formatDb, formatSig } from './layer-format';

interface Props {
  rows: LayerError[];
  /** Output tensor names ticked "keep in float". */
  keepFloat: ReadonlySet<string>;
  onToggle: (tensorName: string, keep: boolean) => void;
  /** Selective quantization applies to the full-integer modes only. */
  canKeepFloat: boolean;
  disabled: boolean;
}

/** One row per op of the quantized model, TF QuantizationDebugger's columns; flagged rows highlighted. */
export function LayerErrorTable({ rows, keepFloat, onToggle, canKeepFloat, disabled }: Props) {
  return (
    <div className="results-table-wrap">
      <table data-testid="layer-errors" className="results-table layer-errors-table">
        <LayerErrorHead canKeepFloat={canKeepFloat} />
        <tbody>
          {rows.map((r) => (
            <LayerErrorRow
              key={r.tensorName}
              row={r}
              keep={keepFloat.has(r.tensorName)}
              onToggle={onToggle}
              canKeepFloat={canKeepFloat}
              disabled={disabled}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The column headings, TF QuantizationDebugger's metrics. */
function LayerErrorHead({ canKeepFloat }: { canKeepFloat: boolean }) {
  return (
    <thead>
      <tr>
        {canKeepFloat && <th title="Keep this op in float32 in the mixed-precision export">Keep float</th>}
        <th className="text">Layer</th>
        <th className="text">Op</th>
        <th className="text" title="Output dtype; weights dtype after the slash">
          Stored as
        </th>
        <th title="Values compared: output size × images">Elements</th>
        <th title="Root mean squared error, in the layer's output units">RMSE</th>
        <th>Max abs error</th>
        <th title="Average signed error: non-zero means a bias">Mean error</th>
        <th title="Signal-to-noise ratio: 10 log10(output power / error power); higher is better">SNR</th>
        <th title="Output scale: the real value of one integer step">Scale</th>
        <th title="RMSE divided by the scale, this layer alone (TF's per-layer number)">RMSE / scale</th>
        <th title="RMSE / scale when both models run from the image (errors from earlier layers included)">
          RMSE / scale, accumulated
        </th>
      </tr>
    </thead>
  );
}

interface RowProps {
  row: LayerError;
  keep: boolean;
  onToggle: (tensorName: string, keep: boolean) => void;
  canKeepFloat: boolean;
  disabled: boolean;
}

/** One op's errors, with its keep-in-float box. */
function LayerErrorRow({ row: r, keep, onToggle, canKeepFloat, disabled }: RowProps) {
  return (
    <tr
      data-testid={`layer-error-row-${r.tensorName}`}
      className={r.flagged ? 'layer-flagged' : r.quantized ? undefined : 'layer-float'}
    >
      {canKeepFloat && (
        <td>
          <input
            type="checkbox"
            aria-label={`keep ${r.tensorName} in float`}
            data-testid={`keep-float-${r.tensorName}`}
            checked={keep}
            disabled={disabled}
            onChange={(e) => onToggle(r.tensorName, e.target.checked)}
          />
        </td>
      )}
      <td className="text">
        <code>{r.layer}</code>
        {r.flagged && (
          <span className="layer-flag" title="RMSE / scale above 0.7">
            {' '}
            ⚠ flagged
          </span>
        )}
      </td>
      <td className="text">{r.op}</td>
      <td className="text">
        {r.outputDtype}
        {r.weightDtype && ` / ${r.weightDtype}`}
      </td>
      <td>{formatInt(r.numElements)}</td>
      <td data-testid="layer-rmse">{formatSig(r.rmse)}</td>
      <td>{formatSig(r.maxAbsError)}</td>
      <td>{formatSig(r.meanError)}</td>
      <td>{formatDb(r.snrDb)}</td>
      <td>{formatSig(r.scale)}</td>
      <td data-testid="layer-rmse-over-scale">
        <strong>{formatSig(r.rmseOverScale)}</strong>
      </td>
      <td>{formatSig(r.endToEnd.rmseOverScale)}</td>
    </tr>
  );
}
