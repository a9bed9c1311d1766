import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../common/format';
import { formatNumberFixed } from '../i18n/locale';
import { formatInt } from '../results/results-format';
import { runBytes, runHeadline, type RunHeadline, type RunRecord } from './run-record';
import type { Runs } from './use-runs';

interface Props {
  runs: Runs;
  picked: string[];
  onToggle: (id: string) => void;
}

/** One row per kept run: date, model, headline numbers, and its actions. */
export function RunsList({ runs, picked, onToggle }: Props) {
  const { t } = useTranslation();
  if (runs.runs.length === 0)
    return (
      <p className="muted" data-testid="runs-list">
        {t('runs.empty')}
      </p>
    );
  return (
    <div className="results-table-wrap">
      <table className="results-table" data-testid="runs-list">
        <thead>
          <tr>
            <th>{t('runs.columns.pick')}</th>
            <th>{t('runs.columns.name')}</th>
            <th>{t('runs.columns.date')}</th>
            <th>{t('runs.columns.model')}</th>
            <th>{t('runs.columns.kind')}</th>
            <th>{t('runs.columns.floatAccuracy')}</th>
            <th>{t('runs.columns.modes')}</th>
            <th>{t('runs.columns.smallest')}</th>
            <th>{t('runs.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {runs.runs.map((r) => (
            <RunRow key={r.id} run={r} runs={runs} picked={picked.includes(r.id)} onToggle={() => onToggle(r.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RunRow({
  run,
  runs,
  picked,
  onToggle,
}: {
  run: RunRecord;
  runs: Runs;
  picked: boolean;
  onToggle: () => void;
}) {
  const { t, i18n } = useTranslation();
  const h = runHeadline(run);
  return (
    <tr data-testid="run-row" data-run-id={run.id} data-run-bytes={runBytes(run)}>
      <td>
        <input
          type="checkbox"
          checked={picked}
          onChange={onToggle}
          data-testid="run-pick"
          aria-label={t('runs.pickLabel', { name: run.name })}
        />
      </td>
      <td>
        <RunName run={run} onRename={(name) => runs.rename(run.id, name)} />
      </td>
      <td>{new Date(run.createdAt).toLocaleString(i18n.language)}</td>
      <td>
        <code>{run.report.source?.file ?? run.report.preset}</code>
      </td>
      <td>{t(`runs.kind_${run.kind}`)}</td>
      <td data-testid="run-float-accuracy" data-scored-by={h.scoredBy}>
        {h.scoredBy === 'agreement' ? t('runs.noLabels') : formatPercent(h.floatAccuracy)}
      </td>
      <td data-testid="run-modes">{h.modes}</td>
      <td data-testid="run-smallest">
        <SmallestLine headline={h} />
      </td>
      <td className="run-actions">
        <button
          type="button"
          className="secondary"
          data-testid="run-export"
          disabled={h.modes === 0}
          onClick={() => runs.exportRun(run)}
        >
          {t('runs.export')}
        </button>
        <button type="button" className="secondary" data-testid="run-delete" onClick={() => runs.remove(run.id)}>
          {t('runs.delete')}
        </button>
      </td>
    </tr>
  );
}

/** The smallest file with its accuracy, or (a run without labels) its agreement with the float model. */
function SmallestLine({ headline: { smallest, scoredBy } }: { headline: RunHeadline }) {
  const { t } = useTranslation();
  if (!smallest) return t('runs.none');
  const base = { mode: smallest.mode, bytes: formatInt(smallest.bytes) };
  if (scoredBy === 'accuracy') return t('runs.smallest', { ...base, accuracy: formatPercent(smallest.accuracy) });
  const snr =
    smallest.snrDb === null || smallest.snrDb === undefined
      ? t('runs.identical')
      : `${formatNumberFixed(smallest.snrDb, 1)} dB`;
  return t('runs.smallestAgreement', { ...base, top1: formatPercent(smallest.top1Agreement ?? Number.NaN, 1), snr });
}

/** The run's name, or a small form to change it. */
function RunName({ run, onRename }: { run: RunRecord; onRename: (name: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string>();
  if (draft === undefined)
    return (
      <>
        <span data-testid="run-name">{run.name}</span>{' '}
        <button type="button" className="secondary" data-testid="run-rename" onClick={() => setDraft(run.name)}>
          {t('runs.rename')}
        </button>
      </>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim()) onRename(draft.trim());
        setDraft(undefined);
      }}
    >
      <input
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        aria-label={t('runs.renameLabel', { name: run.name })}
        data-testid="run-name-input"
        autoFocus
      />{' '}
      <button type="submit" data-testid="run-name-save">
        {t('runs.save')}
      </button>{' '}
      <button type="button" className="secondary" onClick={() => setDraft(undefined)}>
        {t('runs.cancel')}
      </button>
    </form>
  );
}
