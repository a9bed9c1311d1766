import { useTranslation } from 'react-i18next';
import type { TfliteSubgraphInfo } from '../../core/tflite/read-tflite';
import { MAX_TABLE_ROWS, optionsText, tensorLabel } from './inspector-model';

interface Props {
  subgraph: TfliteSubgraphInfo;
}

/** One row per operator in execution order: opcode name and version, input tensors → output tensors. */
export function OpsTable({ subgraph }: Props) {
  const { t } = useTranslation();
  const shown = subgraph.ops.slice(0, MAX_TABLE_ROWS);
  return (
    <div className="inspector-table-wrap">
      <table className="inspector-table" data-testid="inspector-ops">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('inspector.table.operator')}</th>
            <th>{t('inspector.table.version')}</th>
            <th>{t('inspector.table.options')}</th>
            <th>{t('inspector.table.io')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((op) => (
            <tr key={op.index}>
              <td>{op.index}</td>
              <td>
                <code>{op.opName}</code>
                {op.options &&
                  'fused_activation_function' in op.options &&
                  op.options.fused_activation_function !== 'NONE' && (
                    <span className="muted"> + {String(op.options.fused_activation_function)}</span>
                  )}
              </td>
              <td>{op.version}</td>
              <td className="inspector-options">{optionsText(op)}</td>
              <td className="inspector-io">
                {op.inputs.map((i) => tensorLabel(subgraph, i)).join(', ') || '–'} →{' '}
                {op.outputs.map((i) => tensorLabel(subgraph, i)).join(', ') || '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {subgraph.ops.length > shown.length && (
        <p className="hint">{t('inspector.table.firstOps', { shown: shown.length, count: subgraph.ops.length })}</p>
      )}
    </div>
  );
}
