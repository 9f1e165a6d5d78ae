import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReleaseStats } from '../../../../api/stats/stats.schemas.ts';

// Blue and orange stay apart for the common colour-vision deficiencies; the table beside the chart
// carries the same numbers, each a link to its clusters.
export const customerColour = '#2450c2';
export const internalColour = '#c4620a';

/** Clusters per level, stacked by who found them first. */
export function FindersByLevelChart(props: { byLevel: ReleaseStats['byLevel'] }) {
  const data = props.byLevel.map((group) => ({
    level: group.countsAsPriority ? group.level : `${group.level} (not priority)`,
    Customer: group.customerFound,
    Internal: group.internalFound,
  }));
  const description = props.byLevel
    .map((group) => `${group.level}: ${group.customerFound} found by customers, ${group.internalFound} internally`)
    .join('; ');
  return (
    <figure className="stats-chart" aria-labelledby="levels-caption">
      <figcaption id="levels-caption">Actionable clusters by level, by who found them first</figcaption>
      <div className="chart-box" role="img" aria-label={description}>
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#d8dde6" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="level" interval={0} tick={{ fill: '#1b2130' }} />
            <YAxis allowDecimals={false} tick={{ fill: '#1b2130' }} width={40} />
            <Tooltip />
            <Legend />
            <Bar dataKey="Customer" stackId="finder" fill={customerColour} isAnimationActive={false} />
            <Bar dataKey="Internal" stackId="finder" fill={internalColour} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
