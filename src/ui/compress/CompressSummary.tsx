import type { CompressResult } from '../../core/compress/compress-model';
import { formatPercent } from '../common/format';

/** What the last run produced: measured sparsity, clusters, and the compressed model's TF.js accuracy. */
export function CompressSummary({ result, cancelled }: { result: CompressResult; cancelled: boolean }) {
  const { pruning, clustering } = result.recipe;
  return (
    <div className="notice" data-testid="prune-summary">
      {cancelled && <p data-testid="prune-cancelled">Cancelled: the model keeps the last completed step.</p>}
      {pruning && (
        <p>
          Pruned <span data-testid="prune-measured-sparsity">{formatPercent(pruning.sparsity)}</span> of the weights in{' '}
          {pruning.pruned_weights.join(', ')} to exactly zero; TF.js test accuracy{' '}
          {formatPercent(pruning.test_accuracy)}.
        </p>
      )}
      {clustering && (
        <p>
          Clustered {clustering.clustered_weights.join(', ')} into at most {clustering.max_distinct_values} shared
          values per kernel{clustering.preserve_sparsity ? ' (zeros kept)' : ''}; TF.js test accuracy{' '}
          {formatPercent(clustering.test_accuracy)}.
        </p>
      )}
      <p>
        This is now the lab's model: quantize it below, and compare the gzip column of the results with an unpruned run.
      </p>
    </div>
  );
}
