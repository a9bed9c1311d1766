import { useTranslation } from 'react-i18next';
import type { TrainedModel } from '../../core/model/trained-model';
import { LAB_MODES, type QuantMode } from '../../core/modes/lab-modes';
import type { UnlabelledImages } from '../../core/pipeline/unlabelled-modes';
import type { ModeReport } from '../../core/report/report';
import { formatPercent } from '../common/format';
import { formatNumberFixed } from '../i18n/locale';
import { CoreSentence } from '../i18n/CoreSentence';
import type { CoreFailure } from '../i18n/core-text';
import { Rich } from '../i18n/Rich';
import { useMessages } from '../i18n/use-messages';
import { downloadBytes } from '../results/download';
import { importedTfliteFileName } from '../../core/eval/artifact-names';
import { formatInt, formatKiB, formatMs } from '../results/results-format';
import type { QuantSettings } from '../state/lab-state';
import type { ModelInputRange } from '../../core/import/calibration-pixels';
import { resultsZip } from '../results/artifact-files';
import { unlabelledReport } from './unlabelled-report';
import type { UnlabelledResults, useUnlabelledQuantization } from './use-unlabelled-quantization';

interface Props {
  model: TrainedModel;
  images?: UnlabelledImages;
  /** The input range the images were scaled to (report.json settings.input_range). */
  range: ModelInputRange;
  settings: QuantSettings;
  quantization: ReturnType<typeof useUnlabelledQuantization>;
  /** The model's last kept run (keptUnlabelledResults), shown until this page runs one (e.g. after a reload). */
  kept?: UnlabelledResults;
  disabled: boolean;
}

/** The post-training modes chosen in the quantization settings (QAT needs labelled training data). */
function ptqModes(settings: QuantSettings): QuantMode[] {
  return settings.modes.filter((m) => LAB_MODES[m].kind === 'ptq');
}

/**
 * Every chosen post-training mode of a non-MNIST model, calibrated on the dropped images and scored by
 * agreement with the float model (top-1 agreement, output SNR), with each file to download.
 */
export function UnlabelledModes({ model, images, range, settings, quantization: q, kept, disabled }: Props) {
  const { t } = useTranslation();
  const modes = ptqModes(settings);
  const running = q.state.status === 'running';
  const { modes: _modes, ...recipe } = settings;
  const results = q.results?.model === model ? q.results : kept;
  return (
    <div className="unlabelled-modes" data-testid="unlabelled-modes" data-state={q.state.status}>
      <div className="actions">
        <button
          type="button"
          data-testid="unlabelled-run"
          disabled={disabled || running || !images || modes.length === 0}
          onClick={() => images && void q.quantize(model, images, modes, recipe, range)}
        >
          {t('calibration.run', { count: modes.length })}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="unlabelled-cancel"
          disabled={!running}
          onClick={q.cancel}
        >
          {t('calibration.cancel')}
        </button>
        {results && !running && Object.keys(results.done).length > 0 && <DownloadAll results={results} />}
        {modes.length === 0 && <span className="muted">{t('calibration.noModes')}</span>}
      </div>
      <StepLine quantization={q} />
      {q.state.status === 'cancelled' && <p className="notice">{t('calibration.cancelled')}</p>}
      {q.state.status === 'failed' && (
        <p className="error" role="alert" data-testid="unlabelled-failed">
          {t('calibration.failed')} <CoreSentence failure={q.state} />
        </p>
      )}
      {results && (
        <>
          <p className="hint" data-testid="unlabelled-scored-by">
            <Rich k="calibration.scoredBy" values={{ count: results.images }} />
          </p>
          <ResultsTable results={results} sourceFile={model.source?.file ?? 'imported'} />
        </>
      )}
    </div>
  );
}

/** Every file of the run and its report.json (the CLI's report for the same model and images), zipped. */
function DownloadAll({ results }: { results: UnlabelledResults }) {
  const { t } = useTranslation();
  const onClick = () => {
    const { report, files } = unlabelledReport(results);
    const zip = resultsZip(report, files);
    downloadBytes(zip.bytes, zip.fileName, 'application/zip');
  };
  return (
    <button type="button" className="secondary" data-testid="unlabelled-download-all" onClick={onClick}>
      {t('calibration.downloadAll', { count: Object.keys(results.done).length })}
    </button>
  );
}

function StepLine({ quantization: q }: { quantization: Props['quantization'] }) {
  const { state } = q;
  const { t } = useTranslation();
  if (state.status !== 'running' || !state.progress) return null;
  const s = state.progress;
  const fraction = s.stage === 'reference' ? 0 : (s.index + (s.stage === 'run' ? 0.5 : 0)) / Math.max(1, s.total);
  const text =
    s.stage === 'reference'
      ? t('calibration.stepReference', { done: s.done, total: s.total })
      : t(
          s.stage === 'convert'
            ? 'calibration.stepConvert'
            : s.images !== undefined && s.images < (q.results?.images ?? s.images)
              ? 'calibration.stepRunSubset'
              : 'calibration.stepRun',
          { mode: s.mode, index: s.index + 1, total: s.total, count: s.images },
        );
  return (
    <div
      className="progress-block"
      data-testid="unlabelled-progress"
      data-step={s.stage === 'reference' ? 'reference' : `${s.stage}:${s.mode}`}
    >
      <progress max={1} value={fraction} />
      <span className="muted">{text}</span>
    </div>
  );
}

function ResultsTable({
  results,
  sourceFile,
}: {
  results: NonNullable<Props['quantization']['results']>;
  sourceFile: string;
}) {
  const { t } = useTranslation();
  const m = useMessages();
  return (
    <table className="results" data-testid="unlabelled-results">
      <thead>
        <tr>
          <th scope="col">{t('calibration.mode')}</th>
          <th scope="col">{t('calibration.size')}</th>
          <th scope="col">{t('calibration.top1')}</th>
          <th scope="col">{t('calibration.snr')}</th>
          <th scope="col">{t('calibration.latency')}</th>
          <th scope="col">{t('calibration.file')}</th>
        </tr>
      </thead>
      <tbody>
        {results.modes.map((mode) => {
          const done = results.done[mode];
          const error = results.errors[mode];
          if (error)
            return (
              <tr key={mode} data-testid={`unlabelled-row-${mode}`}>
                <td>
                  <code>{mode}</code>
                </td>
                <td colSpan={5} className="error" data-testid={`unlabelled-error-${mode}`}>
                  {m.modes[mode].title}: <ModeFailure mode={mode} failure={error} />
                </td>
              </tr>
            );
          if (!done) return null;
          return (
            <ResultRow
              key={mode}
              images={results.images}
              entry={done.entry}
              bytes={done.bytes}
              fileName={importedTfliteFileName(sourceFile, mode)}
            />
          );
        })}
      </tbody>
    </table>
  );
}

/** LiteRT.js's allocation failure on a large 16x8 file gets the page's own sentence; others keep theirs. */
function ModeFailure({ mode, failure }: { mode: QuantMode; failure: CoreFailure }) {
  const { t } = useTranslation();
  if (mode === 'int16x8' && /allocat/i.test(failure.message)) return <>{t('calibration.int16x8Alloc')}</>;
  return <CoreSentence failure={failure} />;
}

function ResultRow({
  entry,
  bytes,
  fileName,
  images,
}: {
  entry: ModeReport;
  bytes: Uint8Array;
  fileName: string;
  /** Images the run had: a figure over fewer says so. */
  images: number;
}) {
  const { t } = useTranslation();
  const a = entry.float_model_agreement;
  const mode = entry.mode;
  return (
    <tr data-testid={`unlabelled-row-${mode}`}>
      <td>
        <code>{mode}</code>
      </td>
      <td>
        {formatInt(entry.bytes)} B<br />
        <span className="muted">{formatKiB(entry.bytes)}</span>
      </td>
      <td data-testid={`agreement-top1-${mode}`} data-images={a?.images}>
        {a ? formatPercent(a.top1_agreement, 1) : '–'}
        {a && a.images < images && (
          <>
            <br />
            <span className="muted" data-testid={`agreement-subset-${mode}`}>
              {t('calibration.subset', { count: a.images })}
            </span>
          </>
        )}
      </td>
      <td data-testid={`agreement-snr-${mode}`} data-snr={a?.output_snr_db ?? 'inf'}>
        {!a
          ? '–'
          : a.output_snr_db === null
            ? t('calibration.identical')
            : `${formatNumberFixed(a.output_snr_db, 1)} dB`}
      </td>
      <td data-testid={`unlabelled-latency-${mode}`} data-engine={a?.engine}>
        {entry.latency ? formatMs(entry.latency.median_ms) : '–'}
      </td>
      <td>
        <button
          type="button"
          className="secondary"
          data-testid={`unlabelled-download-${mode}`}
          onClick={() => downloadBytes(bytes, fileName)}
        >
          {fileName}
        </button>
      </td>
    </tr>
  );
}
