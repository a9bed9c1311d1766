import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { constFloat32 } from '../../core/graph/graph';
import { modelToGraph } from '../../core/graph/model-to-graph';
import { summarizeWeights } from '../../core/graph/view/node-stats';
import { buildOpGraph, listGraph } from '../../core/graph/view/op-graph';
import type { TrainedModel } from '../../core/model/trained-model';
import type { QuantMode } from '../../core/modes/lab-modes';
import type { QuantRecipe } from '../../core/quant/recipe';
import type { LayerAnalysisHandle } from '../debug/use-layer-analysis';
import { canKeepFloat, errorsByTensor, graphMixedExport } from './graph-model';
import { GraphNodeDetails } from './GraphNodeDetails';
import { GraphView } from './GraphView';
import { formatList } from '../i18n/locale';

interface Props {
  trained?: TrainedModel;
  /** The debugger's analysis and kept layers (shared with the debugger panel). */
  layers: LayerAnalysisHandle;
  recipeFor: (mode: QuantMode) => QuantRecipe;
  onExportMixed: (mode: string, recipe: QuantRecipe) => void;
  busy: boolean;
}

/** The lab's model as a graph, shaded by the debugger's per-layer error, with "keep in float" per node. */
export function GraphPanel({ trained, layers, recipeFor, onExportMixed, busy }: Props) {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<string>();
  const floatGraph = useMemo(() => trained && modelToGraph(trained), [trained]);
  const opGraph = useMemo(() => floatGraph && buildOpGraph(listGraph(floatGraph)), [floatGraph]);
  const analysis = layers.state.status === 'done' ? layers.state.result : undefined;
  const errors = useMemo(() => errorsByTensor(analysis?.rows), [analysis]);
  const mode: QuantMode = analysis?.mode ?? 'int8';
  const node = opGraph?.nodes.find((n) => n.id === selected);
  const weights = useMemo(() => {
    if (!node || node.weightTensor === undefined || !floatGraph) return undefined;
    const s = summarizeWeights(constFloat32(floatGraph.tensors[node.weightTensor]));
    const n = (v: number) => v.toPrecision(3);
    return t('graph.weightStats', {
      count: s.count.toLocaleString(i18n.language),
      min: n(s.min),
      max: n(s.max),
      meanAbs: n(s.meanAbs),
    });
  }, [node, floatGraph, t, i18n.language]);
  const exported = opGraph && graphMixedExport(opGraph.nodes, layers.keepFloat, recipeFor(mode));
  return (
    <section className="panel graph-panel" aria-labelledby="graph-title">
      <h2 id="graph-title">{t('graph.title')}</h2>
      <p className="hint">{t('graph.intro')}</p>
      {!opGraph ? (
        <p className="muted">{t('graph.noModel')}</p>
      ) : (
        <>
          <p className="muted">{analysis ? t('graph.legend') : t('graph.legendNoErrors')}</p>
          <GraphView
            graph={opGraph}
            name={t('graph.labModel')}
            source="lab"
            errors={errors}
            keepFloat={layers.keepFloat}
            selected={selected}
            onSelect={setSelected}
          />
          {node && (
            <GraphNodeDetails
              node={node}
              error={errors.get(node.tensorName)}
              weights={weights}
              keep={
                canKeepFloat(node, mode)
                  ? {
                      on: layers.keepFloat.has(node.tensorName),
                      onChange: (on) => layers.toggle(node.tensorName, on),
                      disabled: busy,
                    }
                  : undefined
              }
            />
          )}
          {layers.keepFloat.size > 0 && (
            <p className="hint" data-testid="graph-kept">
              {t('graph.kept', { names: formatList([...layers.keepFloat]) })}
            </p>
          )}
          <div className="actions">
            <button
              data-testid="graph-export-mixed"
              disabled={busy || !exported}
              onClick={() => exported && onExportMixed(exported.mode, exported.recipe)}
            >
              {t('graph.export')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
