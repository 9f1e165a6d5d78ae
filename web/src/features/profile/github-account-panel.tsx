import { useSearchParams } from 'react-router';
import type { GithubLinkOutcome } from '#api/github-identity/github-identity.schemas.ts';
import { errorMessage } from '../../lib/api-client.ts';
import { FormAlert, Notice } from '../../lib/form.tsx';
import { useGithubIdentity, useStartGithubLink, useUnlinkGithub } from './profile-api.ts';

const outcomes: Record<GithubLinkOutcome, { text: string; ok: boolean }> = {
  linked: { text: 'Your GitHub account is linked.', ok: true },
  cancelled: { text: 'Linking was cancelled on GitHub; nothing changed.', ok: false },
  taken: { text: 'That GitHub account is already linked to another customer. Ask the program lead.', ok: false },
  expired: { text: 'GitHub’s answer came too late or twice. Try again.', ok: false },
  failed: { text: 'GitHub could not be reached to link your account. Try again in a moment.', ok: false },
};

/** The MVP's GitHub login: issues they open directly on GitHub count as their finds once it is linked. */
export function GithubAccountPanel() {
  const identity = useGithubIdentity();
  const start = useStartGithubLink();
  const unlink = useUnlinkGithub();
  const [params] = useSearchParams();
  const outcome = outcomes[params.get('github') as GithubLinkOutcome];
  if (!identity.data) return <FormAlert message={identity.error ? errorMessage(identity.error) : null} />;
  const { login, linkable } = identity.data;
  return (
    <section aria-labelledby="github-heading">
      <h2 id="github-heading">Your GitHub account</h2>
      {outcome ? (
        outcome.ok ? (
          <Notice tone="success">{outcome.text}</Notice>
        ) : (
          <FormAlert message={outcome.text} />
        )
      ) : null}
      <p className="hint">
        Bugs you report directly on GitHub count as yours, from the moment you opened them, once your account is linked.
        Fieldtest reads only your login; it never posts as you.
      </p>
      {login ? (
        <p>
          Linked to <strong>{login}</strong>.{' '}
          <button type="button" className="secondary" disabled={unlink.isPending} onClick={() => unlink.mutate()}>
            Unlink
          </button>
        </p>
      ) : linkable ? (
        <button type="button" disabled={start.isPending} onClick={() => start.mutate()}>
          Link my GitHub account
        </button>
      ) : (
        <p className="hint">Linking GitHub accounts is not set up on this Fieldtest.</p>
      )}
      <FormAlert message={start.error ? errorMessage(start.error) : unlink.error ? errorMessage(unlink.error) : null} />
    </section>
  );
}
