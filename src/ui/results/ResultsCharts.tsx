import { memo } from 'react';
import { buildChartSeries } from '../../core/eval/chart-series';
import type { LabReport } from '../../core/report/report';
import { AccuracyChart } from './AccuracyChart';
import { LatencyChart } from './LatencyChart';
import { SizeAccuracyChart } from './SizeAccuracyChart';
import { SizeChart } from './SizeChart';

interface Props {
  report: Pick<LabReport, 'float' | 'modes'>;
}

/** The four results charts, all derived from the report by the chart-series stage. */
export const ResultsCharts = memo(function ResultsCharts({ report }: Props) {
  if (report.modes.length === 0) return null;
  const series = buildChartSeries(report);
  return (
    <div className="chart-row results-charts" data-testid="results-charts">
      <AccuracyChart series={series.accuracy} />
      <SizeChart points={series.size} />
      <SizeAccuracyChart points={series.sizeVsAccuracy} floatReference={series.accuracy.floatReference} />
      <LatencyChart points={series.latency} />
    </div>
  );
});
