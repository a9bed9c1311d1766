import { buildChartSeries, type AccuracyPoint, type LatencyPoint, type SizePoint } from '../../core/eval/chart-series';
import type { LabReport, ModeReport } from '../../core/report/report';
import { formatPercent } from '../common/format';
import { modeFileName } from './artifact-files';
import { downloadBytes } from './download';
import { formatInt, formatKiB, formatMs, formatPp, formatRatio } from './results-format';

interface Props {
  report: LabReport;
  /** .tflite bytes by mode name; a mode without bytes gets a disabled download button. */
  files: Record<string, Uint8Array>;
}

/** One row per quantization mode: file size, accuracy in the runtime and in simulation, latency, download. */
export function ResultsTable({ report, files }: Props) {
  const { accuracy, size, latency } = buildChartSeries(report);

  return (
    <div className="results-table-wrap">
      <p className="hint" data-testid="float-reference">
        Float model before conversion: <strong>{formatPercent(accuracy.floatReference)}</strong> on the{' '}
        {formatInt(10_000)} MNIST test images, measured in {accuracy.floatEngine}. “vs float” compares each file's
        runtime accuracy with this number, in percentage points.
      </p>
      <table data-testid="results-table" className="results-table">
        <ResultsHead />
        <tbody>
          {accuracy.points.map((p, i) => (
            <ResultRow
              key={p.mode}
              point={p}
              size={size[i]}
              latency={latency.find((l) => l.mode === p.mode)}
              entry={report.modes[i]}
              bytes={files[p.mode]}
              fileName={modeFileName(report, report.modes[i])}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The column headings. */
function ResultsHead() {
  return (
    <thead>
      <tr>
        <th>Mode</th>
        <th>File size</th>
        <th title="bytes / float32 file bytes">× float32</th>
        <th>Accuracy (runtime)</th>
        <th>vs float</th>
        <th title="The lab's own simulation of the quantized arithmetic">Accuracy (lab simulation)</th>
        <th title="Median and 90th percentile of single-image inference times">Latency median / p90</th>
        <th title="What ran the .tflite file for the runtime accuracy and the latency">Engine</th>
        <th />
      </tr>
    </thead>
  );
}

interface RowProps {
  point: AccuracyPoint;
  size: SizePoint;
  latency?: LatencyPoint;
  entry: ModeReport;
  bytes?: Uint8Array;
  fileName: string;
}

/** One mode's size, accuracies, latency, engine and download button. */
function ResultRow({ point: p, size: s, latency: lat, entry, bytes, fileName }: RowProps) {
  return (
    <tr data-testid={`result-row-${p.mode}`}>
      <td>
        <code>{p.mode}</code>
      </td>
      <td title={`${formatInt(s.bytes)} bytes`}>
        {formatInt(s.bytes)} B<br />
        <span className="muted">{formatKiB(s.bytes)}</span>
      </td>
      <td>{formatRatio(s.ratioVsFloat32)}</td>
      <td>
        <span data-testid={`runtime-accuracy-${p.mode}`}>{formatPercent(p.accuracy)}</span>
        {entry.tfjs_agreement !== undefined && (
          <>
            <br />
            <span
              className="muted"
              data-testid={`tfjs-agreement-${p.mode}`}
              title="Share of test images where this file and the trained TF.js model predict the same digit"
            >
              {formatPercent(entry.tfjs_agreement!)} same as TF.js
            </span>
          </>
        )}
      </td>
      <td className={deltaClass(p.deltaPp)}>{formatPp(p.deltaPp)}</td>
      <td>
        {p.simulated === undefined ? '–' : formatPercent(p.simulated)}
        {p.simulationAgreement !== undefined && (
          <>
            <br />
            <span className="muted" title="Share of test images where simulation and runtime predict the same digit">
              {formatPercent(p.simulationAgreement)} agree
            </span>
          </>
        )}
      </td>
      <td>
        {lat ? `${formatMs(lat.median_ms)} / ${formatMs(lat.p90_ms)}` : '–'}
        {lat && (
          <>
            <br />
            <span className="muted">{formatInt(lat.samples)} runs</span>
          </>
        )}
      </td>
      <td className="engine">{p.engine}</td>
      <DownloadCell mode={p.mode} bytes={bytes} fileName={fileName} />
    </tr>
  );
}

/** The row's download button, disabled when the file's bytes are not in this session. */
function DownloadCell({ mode, bytes, fileName }: { mode: string; bytes?: Uint8Array; fileName: string }) {
  return (
    <td>
      <button
        type="button"
        className="secondary"
        data-testid={`download-${mode}`}
        disabled={!bytes}
        title={bytes ? `Download ${fileName}` : 'File not available in this session'}
        onClick={() => bytes && downloadBytes(bytes, fileName)}
      >
        .tflite
      </button>
    </td>
  );
}

/** Green when the mode matches or beats float at 2 decimals, amber for a drop. */
function deltaClass(pp: number): string {
  return Math.round(pp * 100) >= 0 ? 'good' : 'warn';
}
