import type { CompressResult } from '../../core/compress/compress-model';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../common/format';
import { Rich } from '../i18n/Rich';
import { formatList } from '../i18n/locale';

/** What the last run produced: measured sparsity, clusters, and the compressed model's TF.js accuracy. */
export function CompressSummary({ result, cancelled }: { result: CompressResult; cancelled: boolean }) {
  const { t } = useTranslation();
  const { pruning, clustering } = result.recipe;
  return (
    <div className="notice" data-testid="prune-summary">
      {cancelled && <p data-testid="prune-cancelled">{t('compress.cancelled')}</p>}
      {pruning && (
        <p>
          <Rich
            k="compress.pruned"
            values={{
              sparsity: formatPercent(pruning.sparsity),
              layers: formatList(pruning.pruned_weights),
              accuracy: formatPercent(pruning.test_accuracy),
            }}
            tags={{ m: <span data-testid="prune-measured-sparsity" /> }}
          />
        </p>
      )}
      {clustering && (
        <p>
          {t('compress.clustered', {
            layers: formatList(clustering.clustered_weights),
            n: clustering.max_distinct_values,
            zeros: clustering.preserve_sparsity ? t('compress.zerosKept') : '',
            accuracy: formatPercent(clustering.test_accuracy),
          })}
        </p>
      )}
      <p>{t('compress.nowTheModel')}</p>
    </div>
  );
}
