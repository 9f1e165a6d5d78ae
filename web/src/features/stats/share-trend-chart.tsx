import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProgramStats } from '#api/stats/stats.schemas.ts';
import { formatInterval, formatShare } from './stats-format.ts';
import './stats.css';

// Blue for the share, its interval a pale band of the same hue: readable in print and for the
// common colour-vision deficiencies, with the numbers in a table below for screen readers.
const shareColour = '#2450c2';

/** The customer share release by release, as a line inside its 95% Wilson interval band. */
export function ShareTrendChart(props: { trend: ProgramStats['trend'] }) {
  const data = props.trend.map((entry) => ({
    version: entry.releaseVersion,
    share: entry.share === null ? null : Math.round(entry.share * 1000) / 10,
    band: entry.interval
      ? [Math.round(entry.interval.lower * 1000) / 10, Math.round(entry.interval.upper * 1000) / 10]
      : null,
  }));
  return (
    <figure className="stats-chart" aria-labelledby="trend-caption">
      <figcaption id="trend-caption">Customer share per release, with its 95% interval</figcaption>
      <div className="chart-box" role="img" aria-label={trendDescription(props.trend)}>
        <ResponsiveContainer width="100%" height={260}>
          <ComposedChart data={data} margin={{ top: 14, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#d8dde6" strokeDasharray="3 3" />
            <XAxis
              dataKey="version"
              height={46}
              tick={{ fill: '#1b2130' }}
              label={{ value: 'Release', position: 'insideBottom', offset: 0 }}
            />
            <YAxis domain={[0, 100]} unit="%" tick={{ fill: '#1b2130' }} width={48} />
            <Tooltip formatter={(value) => (Array.isArray(value) ? `${value[0]}–${value[1]}%` : `${value}%`)} />
            <Legend />
            <Area
              type="linear"
              dataKey="band"
              name="95% interval"
              stroke="none"
              fill={shareColour}
              fillOpacity={0.15}
              isAnimationActive={false}
              connectNulls
            />
            <Line
              type="linear"
              dataKey="share"
              name="Customer share"
              stroke={shareColour}
              strokeWidth={2.5}
              dot={{ r: 4 }}
              isAnimationActive={false}
              connectNulls
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

function trendDescription(trend: ProgramStats['trend']): string {
  if (!trend.length) return 'No release yet.';
  return trend
    .map(
      (entry) =>
        `Release ${entry.releaseVersion}: ${formatShare(entry.share)} (${entry.customerFound} of ${entry.clusters}, interval ${formatInterval(entry)})`,
    )
    .join('; ');
}
