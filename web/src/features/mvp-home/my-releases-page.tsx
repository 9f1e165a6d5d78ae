import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { MyRelease } from '#api/mvp/mvp.schemas.ts';
import { formatWindow } from '../../lib/format.ts';
import { ListDetail } from '../../lib/list-detail.tsx';
import { Markdown } from '../../lib/markdown.tsx';
import { LoadState } from '../../lib/page-state.tsx';
import { myReleasesQuery } from './my-releases-api.ts';
import './mvp-home.css';

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
      <LoadState query={mine} />
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
        <ListDetail term="Focus areas" items={release.focusAreas} />
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
