import { useTranslation } from 'react-i18next';
import { formatList, formatNumberFixed } from '../i18n/locale';
import { generateCSource } from '../../core/deploy/c-source';
import { zipCSource } from '../../core/deploy/c-source-zip';
import type { DeployCheck } from '../../core/deploy/deploy-check';
import { downloadBytes } from '../results/download';
import { edgeTpuCpuText, problemsText } from '../i18n/core-text';
import { useLanguage } from '../i18n/CoreSentence';

const kb = (n: number) => `${formatNumberFixed(n / 1024, 1)} KB`;
const bytes = (n: number) => formatNumberFixed(n, 0);

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
  const { t } = useTranslation();
  const language = useLanguage();
  const tflmWhy = problemsText(c.tflm.problems, language, '\n');
  const edgeWhy = [
    problemsText(c.edgeTpu.problems, language, '\n'),
    ...c.edgeTpu.cpuOps.map((o) => `${o.opName} (op ${o.index}): ${edgeTpuCpuText(o.why, language)}`),
  ]
    .filter(Boolean)
    .join('\n');
  const fitText = c.fits
    ? t('deploy.fits', { kb: kb(c.fit.ramMarginBytes) })
    : c.tflm.compatible
      ? t('deploy.doesNotFit', { kb: kb(Math.min(c.fit.ramMarginBytes, c.fit.flashMarginBytes)) })
      : t('deploy.cannotRun');
  const edge = c.edgeTpu.compatible
    ? c.edgeTpu.cpuOps.length
      ? t('deploy.edgeCpuOps', { ops: formatList(c.edgeTpu.cpuOps.map((o) => o.opName)) })
      : t('deploy.yes')
    : t('deploy.edgeNo', { n: c.edgeTpu.mappedOps });
  return (
    <tr data-testid={`deploy-row-${mode}`}>
      <td>{mode}</td>
      <td title={tflmWhy}>{c.tflm.compatible ? t('deploy.yes') : t('deploy.no')}</td>
      <td title={edgeWhy}>{edge}</td>
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
          title={c.tflm.compatible ? t('deploy.cSourceTitle') : tflmWhy.split('\n')[0]}
          onClick={() => downloadC(mode, file)}
        >
          {t('deploy.cSource')}
        </button>
      </td>
    </tr>
  );
}
