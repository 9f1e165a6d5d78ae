import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReleaseStats } from '#api/stats/stats.schemas.ts';
import './stats.css';

// Blue and orange stay apart for the common colour-vision deficiencies; the table beside the chart
// carries the same numbers, each a link to its clusters.
export const customerColour = '#2450c2';
export const internalColour = '#c4620a';

type TickProps = {
  x?: number;
  y?: number;
  width?: number;
  visibleTicksCount?: number;
  payload?: { value: string };
};

/**
 * A level's name under its bar, with "not priority" on a line of its own for levels below the
 * threshold; where a level has less room than that line needs (a phone), the level carries a star
 * that the note under the chart explains. Labels never run into each other.
 */
function LevelTick(props: TickProps & { priority: ReadonlySet<string> }) {
  const { x = 0, y = 0, payload } = props;
  const level = payload?.value ?? '';
  const room = (props.width ?? 0) / Math.max(1, props.visibleTicksCount ?? 1);
  const below = !props.priority.has(level);
  return (
    <g transform={`translate(${x},${y})`}>
      <text textAnchor="middle" fill="#1b2130" fontSize={13}>
        <tspan x={0} dy="0.9em">
          {below && room < 90 ? `${level}*` : level}
        </tspan>
        {below && room >= 90 ? (
          <tspan x={0} dy="1.25em" fontSize={11} fill="#586174">
            not priority
          </tspan>
        ) : null}
      </text>
    </g>
  );
}

/** Clusters per level, stacked by who found them first. */
export function FindersByLevelChart(props: { byLevel: ReleaseStats['byLevel'] }) {
  const data = props.byLevel.map((group) => ({
    level: group.level,
    Customer: group.customerFound,
    Internal: group.internalFound,
  }));
  const priority = new Set(props.byLevel.filter((group) => group.countsAsPriority).map((group) => group.level));
  const someBelow = props.byLevel.some((group) => !group.countsAsPriority);
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
            <XAxis dataKey="level" interval={0} height={44} tick={<LevelTick priority={priority} />} />
            <YAxis allowDecimals={false} tick={{ fill: '#1b2130' }} width={40} />
            <Tooltip />
            <Legend />
            <Bar dataKey="Customer" stackId="finder" fill={customerColour} isAnimationActive={false} />
            <Bar dataKey="Internal" stackId="finder" fill={internalColour} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      {someBelow ? (
        <p className="chart-note">Not priority (* on a narrow screen): below the program's priority threshold.</p>
      ) : null}
    </figure>
  );
}
