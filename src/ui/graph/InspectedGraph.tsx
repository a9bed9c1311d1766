import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildOpGraph, listTflite } from '../../core/graph/view/op-graph';
import type { TfliteModelInfo } from '../../core/tflite/inspect-tflite';
import { shapeText } from './GraphView';
import { GraphNodeDetails } from './GraphNodeDetails';
import { GraphView } from './GraphView';

/** An inspected .tflite's first subgraph as a graph; a node's weights are its constant's type and shape. */
export function InspectedGraph({ info, fileName }: { info: TfliteModelInfo; fileName: string }) {
  const { t, i18n } = useTranslation();
  const [selected, setSelected] = useState<string>();
  const opGraph = useMemo(() => buildOpGraph(listTflite(info)), [info]);
  const node = opGraph.nodes.find((n) => n.id === selected);
  const tensor = node?.weightTensor !== undefined ? info.subgraphs[0].tensors[node.weightTensor] : undefined;
  if (opGraph.nodes.length === 0) return null;
  return (
    <div className="inspector-graph">
      <h3>{t('graph.inspected', { name: fileName })}</h3>
      <GraphView graph={opGraph} name={fileName} source="file" selected={selected} onSelect={setSelected} />
      {node && (
        <GraphNodeDetails
          node={node}
          weights={
            tensor &&
            t('graph.fileWeights', {
              type: tensor.type,
              shape: shapeText(tensor.shape),
              bytes: tensor.byteLength.toLocaleString(i18n.language),
            })
          }
        />
      )}
      <p className="hint">{t('graph.inspectedOnly')}</p>
    </div>
  );
}
