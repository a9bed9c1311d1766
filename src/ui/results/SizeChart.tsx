import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumberFixed } from '../i18n/locale';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SizePoint } from '../../core/eval/chart-series';
import { CHART_HEIGHT, CHART_MARGIN, COLORS } from './chart-style';
import { formatRatio } from './results-format';
import { InTurn } from '../common/InTurn';

interface Props {
  points: SizePoint[];
}

/**
 * .tflite file size per mode in KiB, each bar labelled with its size relative to the float32 file; beside it
 * the gzip size, when measured.
 */
export const SizeChart = memo(function SizeChart({ points }: Props) {
  const { t } = useTranslation();
  const data = points.map((p) => ({ ...p, ratioLabel: formatRatio(p.ratioVsFloat32) }));
  return (
    <figure data-testid="chart-size">
      <figcaption>{t('charts.sizeCaption')}</figcaption>
      <InTurn name="size chart" height={CHART_HEIGHT}>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <BarChart data={data} margin={CHART_MARGIN}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="mode" interval={0} fontSize={12} />
            <YAxis domain={[0, 'auto']} width={44} />
            <Tooltip formatter={(v) => `${formatNumberFixed(Number(v), 1)} KiB`} />
            <Bar dataKey="kib" name={t('charts.fileSize')} fill={COLORS.size} isAnimationActive={false}>
              <LabelList dataKey="ratioLabel" position="top" fontSize={11} />
            </Bar>
            {points.some((p) => p.gzipKib !== undefined) && (
              <Bar dataKey="gzipKib" name={t('charts.gzip')} fill={COLORS.p90} isAnimationActive={false} />
            )}
            <Legend />
          </BarChart>
        </ResponsiveContainer>
      </InTurn>
    </figure>
  );
});
