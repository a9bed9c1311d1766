import { useTranslation } from 'react-i18next';
import type { LayerError } from '../../core/debug/layer-errors';
import { formatInt } from '../results/results-format';
import { formatDb, formatSig } from './layer-format';

interface Props {
  rows: LayerError[];
  /** Output tensor names ticked "keep in float". */
  keepFloat: ReadonlySet<string>;
  onToggle: (tensorName: string, keep: boolean) => void;
  /** Selective quantization applies to the full-integer modes only. */
  canKeepFloat: boolean;
  disabled: boolean;
}

/** One row per op of the quantized model, TF QuantizationDebugger's columns; flagged rows highlighted. */
export function LayerErrorTable({ rows, keepFloat, onToggle, canKeepFloat, disabled }: Props) {
  return (
    <div className="results-table-wrap">
      <table data-testid="layer-errors" className="results-table layer-errors-table">
        <LayerErrorHead canKeepFloat={canKeepFloat} />
        <tbody>
          {rows.map((r) => (
            <LayerErrorRow
              key={r.tensorName}
              row={r}
              keep={keepFloat.has(r.tensorName)}
              onToggle={onToggle}
              canKeepFloat={canKeepFloat}
              disabled={disabled}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The column headings, TF QuantizationDebugger's metrics. */
function LayerErrorHead({ canKeepFloat }: { canKeepFloat: boolean }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {canKeepFloat && <th title={t('debugger.keepFloatTitle')}>{t('debugger.keepFloat')}</th>}
        <th className="text">{t('debugger.layer')}</th>
        <th className="text">{t('debugger.op')}</th>
        <th className="text" title={t('debugger.storedAsTitle')}>
          {t('debugger.storedAs')}
        </th>
        <th title={t('debugger.elementsTitle')}>{t('debugger.elements')}</th>
        <th title={t('debugger.rmseTitle')}>RMSE</th>
        <th>{t('debugger.maxAbs')}</th>
        <th title={t('debugger.meanErrorTitle')}>{t('debugger.meanError')}</th>
        <th title={t('debugger.snrTitle')}>SNR</th>
        <th title={t('debugger.scaleTitle')}>{t('debugger.scale')}</th>
        <th title={t('debugger.rmseScaleTitle')}>RMSE / scale</th>
        <th title={t('debugger.accumulatedTitle')}>{t('debugger.accumulatedCol')}</th>
      </tr>
    </thead>
  );
}

interface RowProps {
  row: LayerError;
  keep: boolean;
  onToggle: (tensorName: string, keep: boolean) => void;
  canKeepFloat: boolean;
  disabled: boolean;
}

/** One op's errors, with its keep-in-float box. */
function LayerErrorRow({ row: r, keep, onToggle, canKeepFloat, disabled }: RowProps) {
  const { t } = useTranslation();
  return (
    <tr
      data-testid={`layer-error-row-${r.tensorName}`}
      className={r.flagged ? 'layer-flagged' : r.quantized ? undefined : 'layer-float'}
    >
      {canKeepFloat && (
        <td>
          <input
            type="checkbox"
            aria-label={t('debugger.keepAria', { name: r.tensorName })}
            data-testid={`keep-float-${r.tensorName}`}
            checked={keep}
            disabled={disabled}
            onChange={(e) => onToggle(r.tensorName, e.target.checked)}
          />
        </td>
      )}
      <td className="text">
        <code>{r.layer}</code>
        {r.flagged && (
          <span className="layer-flag" title={t('debugger.flagTitle')}>
            {' '}
            {t('debugger.flag')}
          </span>
        )}
      </td>
      <td className="text">{r.op}</td>
      <td className="text">
        {r.outputDtype}
        {r.weightDtype && ` / ${r.weightDtype}`}
      </td>
      <td>{formatInt(r.numElements)}</td>
      <td data-testid="layer-rmse">{formatSig(r.rmse)}</td>
      <td>{formatSig(r.maxAbsError)}</td>
      <td>{formatSig(r.meanError)}</td>
      <td>{formatDb(r.snrDb)}</td>
      <td>{formatSig(r.scale)}</td>
      <td data-testid="layer-rmse-over-scale">
        <strong>{formatSig(r.rmseOverScale)}</strong>
      </td>
      <td>{formatSig(r.endToEnd.rmseOverScale)}</td>
    </tr>
  );
}
