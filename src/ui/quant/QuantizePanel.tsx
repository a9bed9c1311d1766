import { useTranslation } from 'react-i18next';
import type { LabReport } from '../../core/report/report';
import { useHeldWhile } from '../common/use-held-while';
import { quantSettingsProblems, type QuantSettings } from '../state/lab-state';
import { FieldProblems } from '../i18n/FieldProblems';
import { useMessages } from '../i18n/use-messages';
import type { MeasuredMode } from '../../core/pipeline/measure-mode';
import { DownloadAll } from '../results/DownloadAll';
import { ResultsCharts } from '../results/ResultsCharts';
import { ResultsTable } from '../results/ResultsTable';
import { QuantRunStatus } from './QuantRunStatus';
import { RecipeForm } from './RecipeForm';
import type { QuantRun } from './use-quantization';
import { WeightHistogramBlock } from './WeightHistogramBlock';

interface Props {
  settings: QuantSettings;
  onSettingsChange: (s: QuantSettings) => void;
  run: QuantRun;
  /** The results cache's mode results (for the weight histograms). */
  outcomes: Record<string, MeasuredMode>;
  report?: LabReport;
  files: Record<string, Uint8Array>;
  canRun: boolean;
  onRun: () => void;
  /** Export only the float32 file (the quickest check that the lab writes real .tflite files). */
  onExportFloat: () => void;
  onCancel: () => void;
}

/** Step 2: post-training quantization into every TFLite mode, measured side by side. */
export function QuantizePanel(props: Props) {
  const { settings, onSettingsChange, run, outcomes, report, files, canRun } = props;
  const { t } = useTranslation();
  const busy = run.status === 'running';
  const m = useMessages();
  const problems = quantSettingsProblems(settings);
  // The charts and histograms catch up when the run ends; the table shows each row as it comes.
  const chartReport = useHeldWhile(report, busy);
  const histogramOutcomes = useHeldWhile(outcomes, busy);
  return (
    <section className="panel" aria-labelledby="quant-title">
      <h2 id="quant-title">{t('quant.title')}</h2>
      <RecipeForm options={settings} onChange={onSettingsChange} disabled={busy} />
      <FieldProblems problems={problems} texts={m.fields.recipe} />
      <div className="actions">
        <button
          data-testid="quantize-run"
          onClick={props.onRun}
          disabled={!canRun || busy || problems.length > 0 || settings.modes.length === 0}
        >
          {t('quant.run', { count: settings.modes.length })}
        </button>
        <button
          className="secondary"
          data-testid="export-float32"
          onClick={props.onExportFloat}
          disabled={!canRun || busy}
        >
          {t('quant.exportFloat')}
        </button>
        <button className="secondary" data-testid="quantize-cancel" onClick={props.onCancel} disabled={!busy}>
          {t('common.cancel')}
        </button>
        {!canRun && <span className="muted">{t('common.trainFirst')}</span>}
      </div>
      <QuantRunStatus run={run} />
      {report && report.modes.length > 0 && (
        <>
          <ResultsTable report={report} files={files} />
          <DownloadAll report={report} files={files} />
          {chartReport && chartReport.modes.length > 0 && <ResultsCharts report={chartReport} />}
          <WeightHistogramBlock outcomes={histogramOutcomes} />
        </>
      )}
    </section>
  );
}
