import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { accuracyAxisDomain } from '../../core/eval/chart-series';
import { formatPercent } from '../common/format';
import { CHART_HEIGHT, CHART_MARGIN, COLORS, percentTick, accuracyAxisProps } from '../results/chart-style';
import { formatInt, formatMs } from '../results/results-format';
import { compareRuns, type CompareCell } from './run-compare';
import type { RunRecord } from './run-record';
import { InTurn } from '../common/InTurn';

/** Two runs side by side: a table of size, accuracy and latency per mode, and a chart of the accuracies. */
export const RunCompare = memo(function RunCompare({ a, b }: { a: RunRecord; b: RunRecord }) {
  const { t } = useTranslation();
  const c = compareRuns(a, b);
  return (
    <div data-testid="run-compare" className="run-compare">
      <h3>{t('runs.compare.title', { a: a.name, b: b.name })}</h3>
      <div className="results-table-wrap">
        <table className="results-table" data-testid="run-compare-table">
          <thead>
            <tr>
              <th rowSpan={2}>{t('runs.compare.metric')}</th>
              <th colSpan={3}>{a.name}</th>
              <th colSpan={3}>{b.name}</th>
            </tr>
            <tr>
              {[0, 1].map((i) => (
                <CellHeads key={i} />
              ))}
            </tr>
          </thead>
          <tbody>
            <tr data-testid="compare-row-float">
              <th scope="row">{t('runs.compare.floatAccuracy')}</th>
              <td colSpan={3} data-testid="compare-float-a">
                {formatPercent(c.floatAccuracy.a)}
              </td>
              <td colSpan={3} data-testid="compare-float-b">
                {formatPercent(c.floatAccuracy.b)}
              </td>
            </tr>
            {c.rows.map((r) => (
              <tr key={r.mode} data-testid={`compare-row-${r.mode}`}>
                <th scope="row">
                  <code>{r.mode}</code>
                </th>
                <Cells cell={r.a} />
                <Cells cell={r.b} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CompareChart a={a.name} b={b.name} rows={c.rows} />
    </div>
  );
});

function CellHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th>{t('runs.compare.size')}</th>
      <th>{t('runs.compare.accuracy')}</th>
      <th>{t('runs.compare.latency')}</th>
    </>
  );
}

function Cells({ cell }: { cell?: CompareCell }) {
  const { t } = useTranslation();
  if (!cell)
    return (
      <td colSpan={3} className="muted">
        {t('runs.compare.missing')}
      </td>
    );
  return (
    <>
      <td>{formatInt(cell.bytes)} B</td>
      <td>
        {cell.top1Agreement !== undefined && !Number.isFinite(cell.accuracy)
          ? t('runs.compare.agreement', { top1: formatPercent(cell.top1Agreement, 1) })
          : formatPercent(cell.accuracy)}
      </td>
      <td>{formatMs(cell.latencyMs)}</td>
    </>
  );
}

function CompareChart({ a, b, rows }: { a: string; b: string; rows: ReturnType<typeof compareRuns>['rows'] }) {
  const { t } = useTranslation();
  // A run without labels has no accuracy (NaN): its bars are left out rather than drawn at NaN.
  const finite = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v : undefined);
  const data = rows.map((r) => ({ mode: r.mode, a: finite(r.a?.accuracy), b: finite(r.b?.accuracy) }));
  const domain = accuracyAxisDomain(data.flatMap((d) => [d.a, d.b].filter((v): v is number => v !== undefined)));
  return (
    <figure data-testid="run-compare-chart">
      <figcaption>{t('runs.compare.chartTitle')}</figcaption>
      <InTurn name="run compare chart" height={CHART_HEIGHT}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="mode" interval={0} fontSize={12} />
            <YAxis {...accuracyAxisProps(domain)} />
            <Tooltip formatter={percentTick} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="a" name={a} fill={COLORS.runtime} isAnimationActive={false} />
            <Bar dataKey="b" name={b} fill={COLORS.size} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
}
