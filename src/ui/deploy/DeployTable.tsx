import { useTranslation } from 'react-i18next';
import { coreFailure } from '../i18n/core-text';
import { CoreSentence } from '../i18n/CoreSentence';
import { DeployRow } from './DeployRow';
import type { DeployOutcome } from '../results/deploy-checks';

interface Props {
  outcomes: DeployOutcome[];
  files: Record<string, Uint8Array>;
}

/** One row per file: TFLite Micro, Edge TPU, arena, RAM, flash, fit and the C source download. */
export function DeployTable({ outcomes, files }: Props) {
  const { t } = useTranslation();
  return (
    <table className="deploy-table">
      <thead>
        <tr>
          <th>{t('deploy.colFile')}</th>
          <th>TFLite Micro</th>
          <th>Edge TPU</th>
          <th>{t('deploy.colArena')}</th>
          <th>{t('deploy.colRam')}</th>
          <th>{t('deploy.colFlash')}</th>
          <th>{t('deploy.colFits')}</th>
          <th>{t('deploy.colDownload')}</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((o) =>
          'check' in o ? (
            <DeployRow key={o.mode} mode={o.mode} check={o.check} file={files[o.mode]!} />
          ) : (
            <tr key={o.mode}>
              <td>{o.mode}</td>
              <td colSpan={7} className="error">
                <CoreSentence failure={coreFailure(o.error)} />
              </td>
            </tr>
          ),
        )}
      </tbody>
    </table>
  );
}
