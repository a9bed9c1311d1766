import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import type { LabReport } from '../../core/report/report';
import { collectArtifacts, resultsZip } from './artifact-files';
import { downloadBytes } from './download';
import { formatList } from '../i18n/locale';

interface Props {
  report: LabReport;
  /** .tflite bytes by mode name. */
  files: Record<string, Uint8Array>;
}

/** One button: every .tflite file in the report plus report.json, as quantization-lab-<preset>.zip. */
export function DownloadAll({ report, files }: Props) {
  const { t } = useTranslation();
  const [error, setError] = useState<string>();
  const { files: artifacts, missing } = collectArtifacts(report, files);

  function onClick() {
    try {
      const zip = resultsZip(report, files);
      downloadBytes(zip.bytes, zip.fileName, 'application/zip');
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <div className="download-all">
      <button type="button" data-testid="download-all" disabled={artifacts.length === 0} onClick={onClick}>
        {t('results.downloadAll', { n: artifacts.length })}
      </button>
      {missing.length > 0 && <span className="muted"> {t('results.missing', { modes: formatList(missing) })}</span>}
      {error && (
        <p className="error">
          {t('results.downloadFailed')} <span lang="en">{error}</span>
        </p>
      )}
    </div>
  );
}
