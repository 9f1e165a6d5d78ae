import type { StatsSettings } from '#api/stats/stats.schemas.ts';
import { contributionDefinitions } from '#api/stats/stats.schemas.ts';
import './stats.css';

/** The definitions beside the figures, word for word what the API computes, with the program's own rules. */
export function DefinitionsPanel(props: { settings: StatsSettings }) {
  const { settings } = props;
  return (
    <aside className="stats-definitions" aria-labelledby="definitions-heading">
      <h2 id="definitions-heading">How these figures are counted</h2>
      <p className="hint">
        This program counts <strong>{settings.priorityLevelsCounted.join(', ') || 'no level'}</strong> as priority
        (levels {settings.priorityLevels.join(' > ')}, threshold {settings.priorityThreshold}); not actionable:{' '}
        {settings.notActionableLabels.length
          ? settings.notActionableLabels.map((label) => `"${label}"`).join(', ')
          : 'no label'}
        .
      </p>
      <dl className="definition-list">
        {contributionDefinitions.map((definition) => (
          <div key={definition.term}>
            <dt>{definition.term}</dt>
            <dd>{definition.text}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
