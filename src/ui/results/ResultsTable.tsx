import { useTranslation } from 'react-i18next';
import { Rich } from '../i18n/Rich';
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
        <Rich
          k="results.floatReference"
          values={{
            accuracy: formatPercent(accuracy.floatReference),
            count: formatInt(10_000),
            engine: accuracy.floatEngine,
          }}
        />
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
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th>{t('results.colMode')}</th>
        <th>{t('results.colSize')}</th>
        <th title={t('results.colGzipTitle')}>{t('results.colGzip')}</th>
        <th title={t('results.colRatioTitle')}>{t('results.colRatio')}</th>
        <th>{t('results.colAccuracy')}</th>
        <th>{t('results.colDelta')}</th>
        <th title={t('results.colSimulatedTitle')}>{t('results.colSimulated')}</th>
        <th title={t('results.colLatencyTitle')}>{t('results.colLatency')}</th>
        <th title={t('results.colEngineTitle')}>{t('results.colEngine')}</th>
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
  const { t } = useTranslation();
  return (
    <tr data-testid={`result-row-${p.mode}`}>
      <td>
        <code>{p.mode}</code>
      </td>
      <td title={t('results.bytesTitle', { n: formatInt(s.bytes) })}>
        {formatInt(s.bytes)} B<br />
        <span className="muted">{formatKiB(s.bytes)}</span>
      </td>
      <GzipCell mode={p.mode} size={s} />
      <td>{formatRatio(s.ratioVsFloat32)}</td>
      <td>
        <span data-testid={`runtime-accuracy-${p.mode}`}>{formatPercent(p.accuracy)}</span>
        {entry.tfjs_agreement !== undefined && (
          <>
            <br />
            <span className="muted" data-testid={`tfjs-agreement-${p.mode}`} title={t('results.tfjsAgreementTitle')}>
              {t('results.tfjsAgreement', { p: formatPercent(entry.tfjs_agreement!) })}
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
            <span className="muted" title={t('results.simAgreementTitle')}>
              {t('results.simAgreement', { p: formatPercent(p.simulationAgreement) })}
            </span>
          </>
        )}
      </td>
      <td>
        {lat ? `${formatMs(lat.median_ms)} / ${formatMs(lat.p90_ms)}` : '–'}
        {lat && (
          <>
            <br />
            <span className="muted">{t('results.runs', { n: formatInt(lat.samples) })}</span>
          </>
        )}
      </td>
      <td className="engine">{p.engine}</td>
      <DownloadCell mode={p.mode} bytes={bytes} fileName={fileName} />
    </tr>
  );
}

/** The file's gzip size and its share of the raw size ('–' when not measured). */
function GzipCell({ mode, size: s }: { mode: string; size: SizePoint }) {
  const { t } = useTranslation();
  return (
    <td data-testid={`gzip-bytes-${mode}`} title={t('results.gzipTitle')}>
      {s.gzipBytes === undefined ? '–' : `${formatInt(s.gzipBytes)} B`}
      {s.gzipBytes !== undefined && (
        <>
          <br />
          <span className="muted">{t('results.ofRaw', { p: formatPercent(s.gzipBytes / s.bytes) })}</span>
        </>
      )}
    </td>
  );
}

/** The row's download button, disabled when the file's bytes are not in this session. */
function DownloadCell({ mode, bytes, fileName }: { mode: string; bytes?: Uint8Array; fileName: string }) {
  const { t } = useTranslation();
  return (
    <td>
      <button
        type="button"
        className="secondary"
        data-testid={`download-${mode}`}
        disabled={!bytes}
        title={bytes ? t('results.downloadTitle', { file: fileName }) : t('results.notInSession')}
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
