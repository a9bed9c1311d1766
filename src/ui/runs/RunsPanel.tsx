import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatStorage } from './run-format';
import { RunCompare } from './RunCompare';
import { RunsList } from './RunsList';
import type { Runs, RunsProblem } from './use-runs';

/** The kept runs: the list, the comparison of the two ticked, the storage used, and import. */
export function RunsPanel({ runs }: { runs: Runs }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<string[]>([]);
  const chosen = picked.flatMap((id) => runs.runs.find((r) => r.id === id) ?? []);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  return (
    <section className="panel runs" aria-labelledby="runs-title">
      <h2 id="runs-title">{t('runs.title')}</h2>
      <p className="hint">{t('runs.hint')}</p>
      <StorageLine storage={runs.storage} />
      <label className="run-import">
        {t('runs.import')}{' '}
        <input
          type="file"
          accept=".zip,application/zip"
          data-testid="run-import"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void runs.importZip(file);
          }}
        />
      </label>
      {runs.problem && <ProblemLine problem={runs.problem} />}
      <RunsList runs={runs} picked={picked} onToggle={toggle} />
      {chosen.length === 2 ? (
        <RunCompare a={chosen[0]} b={chosen[1]} />
      ) : (
        runs.runs.length > 1 && <p className="muted">{t('runs.pickTwo')}</p>
      )}
    </section>
  );
}

function StorageLine({ storage }: { storage: Runs['storage'] }) {
  const { t } = useTranslation();
  const runs = formatStorage(storage.runsBytes);
  return (
    <p className="muted" data-testid="runs-storage" data-runs-bytes={storage.runsBytes}>
      {storage.usage !== undefined && storage.quota !== undefined
        ? t('runs.storage', { runs, usage: formatStorage(storage.usage), quota: formatStorage(storage.quota) })
        : t('runs.storageRunsOnly', { runs })}
    </p>
  );
}

function ProblemLine({ problem }: { problem: RunsProblem }) {
  const { t } = useTranslation();
  const text =
    problem.kind === 'store'
      ? t('runs.importErrors.store', { detail: problem.detail })
      : t(`runs.importErrors.${problem.kind}`, { file: problem.file ?? '' });
  return (
    <p className="error" role="alert" data-testid="run-import-error">
      {text}
    </p>
  );
}
