import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { MyRelease } from '#api/mvp/mvp.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert } from '../../lib/form.tsx';
import { formatWindow } from '../../lib/format.ts';
import { Markdown } from '../../lib/markdown.tsx';
import { myReleasesQuery } from './my-releases-api.ts';

const statusNames: Record<MyRelease['status'], string> = {
  planned: 'Not started yet',
  testing: 'Testing now',
  shipped: 'Shipped',
};

/** An MVP's start page: the releases they test (or tested, until they shipped), latest test window first. */
export function MyReleasesPage() {
  const mine = useQuery(myReleasesQuery);
  return (
    <main>
      <h1>Your releases</h1>
      {mine.isPending ? <p role="status">Loading…</p> : null}
      <FormAlert message={mine.error ? errorMessage(mine.error) : null} />
      {mine.data?.pendingTerms.length ? (
        <p className="notice">
          Some programs have new terms: <Link to="/terms">accept the terms</Link> to see their releases.
        </p>
      ) : null}
      {mine.data && mine.data.releases.length === 0 ? (
        <p className="lead">
          You take part in no release at the moment. When a program invites you, the link in its e-mail brings you here.
        </p>
      ) : null}
      {mine.data?.releases.map((release) => (
        <ReleaseCard key={release.id} release={release} />
      ))}
    </main>
  );
}

function ReleaseCard(props: { release: MyRelease }) {
  const { release } = props;
  const headingId = `release-${release.id}`;
  return (
    <section aria-labelledby={headingId} className="my-release">
      <h2 id={headingId}>
        {release.product} {release.version}
      </h2>
      <p className="item-meta">
        {release.programName} · <span className={`badge badge-${release.status}`}>{statusNames[release.status]}</span>
        {release.enrolmentStatus === 'completed' ? ' · your part is complete, thank you' : ''}
      </p>
      <dl className="details">
        <dt>Program</dt>
        <dd>{release.programName}</dd>
        <dt>Version</dt>
        <dd>{release.version}</dd>
        <dt>Build</dt>
        <dd>{release.build}</dd>
        <dt>Test window</dt>
        <dd>{formatWindow(release.testStart, release.testEnd)}</dd>
        {release.focusAreas.length ? (
          <>
            <dt>Focus areas</dt>
            <dd>
              <ul className="plain-list">
                {release.focusAreas.map((area) => (
                  <li key={area}>{area}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>
      <h3>Instructions</h3>
      {release.instructions.trim() ? (
        <Markdown text={release.instructions} headingLevel={4} />
      ) : (
        <p className="hint">No instructions yet.</p>
      )}
    </section>
  );
}
