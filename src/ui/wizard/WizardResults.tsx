import type { ModeReport } from '../../core/report/report';
import type { Finding } from '../../core/wizard/check-advice';
import type { LabMode } from '../../core/modes/lab-modes';
import { formatPercent } from '../common/format';

interface Props {
  /** Rows in this order; the first is the recommendation. */
  modes: LabMode[];
  recommended: LabMode;
  measured: ModeReport[];
  floatAccuracy: number;
  findings: Finding[];
}

const SEVERITY_LABEL = { ok: 'OK', info: 'Note', warn: 'Check' } as const;

/** Measured accuracy, size and latency of the recommendation beside its alternatives, then the findings. */
export function WizardResults({ modes, recommended, measured, floatAccuracy, findings }: Props) {
  const byMode = new Map(measured.map((r) => [r.mode, r]));
  const floatBytes = byMode.get('float32')?.bytes;
  return (
    <div className="wizard-results" data-testid="wizard-results">
      <h3>Measured on your model</h3>
      <table>
        <thead>
          <tr>
            <th>Mode</th>
            <th>Accuracy</th>
            <th>Drop vs float (points)</th>
            <th>Size</th>
            <th>Latency (median)</th>
          </tr>
        </thead>
        <tbody>
          {modes.map((mode) => (
            <WizardRow
              key={mode}
              mode={mode}
              recommended={mode === recommended}
              report={byMode.get(mode)}
              floatAccuracy={floatAccuracy}
              floatBytes={floatBytes}
            />
          ))}
        </tbody>
      </table>
      <p className="hint">Float model (TF.js): {formatPercent(floatAccuracy)} on the 10,000 test images.</p>
      <ul className="wizard-findings">
        {findings.map((f, i) => (
          <li
            key={i}
            className={`wizard-finding wizard-${f.severity}`}
            data-testid="wizard-finding"
            data-severity={f.severity}
            data-code={f.code}
          >
            <strong>{SEVERITY_LABEL[f.severity]}:</strong> {f.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface RowProps {
  mode: LabMode;
  recommended: boolean;
  report?: ModeReport;
  floatAccuracy: number;
  floatBytes?: number;
}

/** One mode's measurements, or "not measured". */
function WizardRow({ mode, recommended, report: r, floatAccuracy, floatBytes }: RowProps) {
  return (
    <tr data-testid={`wizard-row-${mode}`} className={recommended ? 'wizard-recommended' : undefined}>
      <td>
        {mode}
        {recommended ? ' (recommended)' : ''}
      </td>
      {r ? (
        <>
          <td>{formatPercent(r.accuracy)}</td>
          <td>{((floatAccuracy - r.accuracy) * 100).toFixed(2)}</td>
          <td>
            {(r.bytes / 1024).toFixed(1)} KiB
            {floatBytes && mode !== 'float32' ? ` (${(floatBytes / r.bytes).toFixed(1)}x smaller)` : ''}
          </td>
          <td>{r.latency ? `${r.latency.median_ms.toFixed(3)} ms` : '–'}</td>
        </>
      ) : (
        <td colSpan={4} className="muted">
          not measured
        </td>
      )}
    </tr>
  );
}
