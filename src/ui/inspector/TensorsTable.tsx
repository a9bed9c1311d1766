import { useTranslation } from 'react-i18next';
import type { TfliteSubgraphInfo } from '../../core/tflite/read-tflite';
import { formatInt } from '../results/results-format';
import { formatShape, MAX_TABLE_ROWS, shorten, summarizeQuant, tensorBytes } from './inspector-model';

interface Props {
  subgraph: TfliteSubgraphInfo;
}

/** Every tensor: type, shape, bytes (constant data, or what an activation will take) and quantization. */
export function TensorsTable({ subgraph }: Props) {
  const { t: tr } = useTranslation();
  const shown = subgraph.tensors.slice(0, MAX_TABLE_ROWS);
  const role = (i: number) =>
    subgraph.inputs.includes(i)
      ? tr('inspector.table.input')
      : subgraph.outputs.includes(i)
        ? tr('inspector.table.output')
        : '';
  return (
    <div className="inspector-table-wrap">
      <table className="inspector-table" data-testid="inspector-tensors">
        <thead>
          <tr>
            <th>#</th>
            <th>{tr('inspector.table.name')}</th>
            <th>{tr('inspector.table.type')}</th>
            <th>{tr('inspector.table.shape')}</th>
            <th>{tr('inspector.table.bytes')}</th>
            <th>{tr('inspector.table.scale')}</th>
            <th>{tr('inspector.table.zeroPoint')}</th>
            <th>{tr('inspector.table.axis')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((t) => {
            const size = tensorBytes(t);
            const q = summarizeQuant(t.quant);
            const r = role(t.index);
            return (
              <tr key={t.index}>
                <td>{t.index}</td>
                <td className="inspector-name" title={t.name}>
                  {shorten(t.name, 60) || <span className="muted">{tr('inspector.table.unnamed')}</span>}
                  {r && <span className="inspector-role"> {r}</span>}
                </td>
                <td>{t.type}</td>
                <td>
                  {shorten(formatShape(t.shape), 40)}
                  {t.shapeSignature?.includes(-1) && (
                    <span className="muted" title={tr('inspector.table.signatureTitle')}>
                      {' '}
                      {tr('inspector.table.signature')} {shorten(formatShape(t.shapeSignature), 40)}
                    </span>
                  )}
                </td>
                <td>
                  {size.bytes === null ? '–' : formatInt(size.bytes)}
                  {!size.constant && size.bytes !== null && (
                    <span className="muted"> {tr('inspector.table.activation')}</span>
                  )}
                </td>
                <td>{q.scale}</td>
                <td>{q.zeroPoint}</td>
                <td>{q.axis}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {subgraph.tensors.length > shown.length && (
        <p className="hint">
          {tr('inspector.table.firstTensors', { shown: shown.length, count: subgraph.tensors.length })}
        </p>
      )}
    </div>
  );
}
