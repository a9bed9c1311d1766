import { useTranslation } from 'react-i18next';
import type { LayerError } from '../../core/debug/layer-errors';
import type { OpGraphNode } from '../../core/graph/view/op-graph';
import { shapeText } from './GraphView';

interface Props {
  node: OpGraphNode;
  error?: LayerError;
  /** The node's weights in one line (statistics, or shape and type for a file's tensor); absent: no weights. */
  weights?: string;
  /** Shown when the node can be kept in float (the lab's model under a mode that honours it). */
  keep?: { on: boolean; onChange: (on: boolean) => void; disabled: boolean };
}

const sig = (v: number | null | undefined) => (v === null || v === undefined ? '–' : v.toPrecision(3));

/** The selected node's op, shape, error, weights and "keep in float" toggle. */
export function GraphNodeDetails({ node, error, weights, keep }: Props) {
  const { t } = useTranslation();
  return (
    <div className="graph-details" data-testid="graph-node-details" aria-live="polite">
      <h3>{t('graph.details', { name: node.id })}</h3>
      <dl className="graph-facts">
        <dt>{t('graph.op')}</dt>
        <dd>{node.op}</dd>
        <dt>{t('graph.output')}</dt>
        <dd>{shapeText(node.outputShape)}</dd>
        <dt>{t('graph.error')}</dt>
        <dd data-testid="graph-node-error">{error ? sig(error.rmseOverScale) : t('graph.noError')}</dd>
        {error && (
          <>
            <dt>{t('graph.rmse')}</dt>
            <dd>{sig(error.rmse)}</dd>
          </>
        )}
        <dt>{t('graph.weights')}</dt>
        <dd data-testid="graph-node-weights">{weights ?? t('graph.noWeights')}</dd>
      </dl>
      {keep && (
        <label className="check" title={t('graph.keepFloatHelp')}>
          <input
            type="checkbox"
            data-testid="graph-keep-float"
            checked={keep.on}
            disabled={keep.disabled}
            onChange={(e) => keep.onChange(e.target.checked)}
          />
          {t('graph.keepFloat')}
        </label>
      )}
    </div>
  );
}
