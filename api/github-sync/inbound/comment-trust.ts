import type { GithubComment } from '../client/github.schemas.ts';

/**
 * GitHub's `author_association` for people with a hand in the repository: its owner, members of the
 * organisation that owns it, and collaborators invited to it. Anyone else (CONTRIBUTOR, NONE…) can
 * comment on a public repository too, without being engineering.
 */
const relayedAssociations = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/**
 * Whether a GitHub comment speaks for engineering, and so reaches reporters: written by someone with
 * a hand in the repository, or by a login the program lists (a contractor, a support account).
 * Logins compare without case, as GitHub's do.
 */
export function isRelayedComment(
  comment: Pick<GithubComment, 'author_association' | 'user'>,
  githubCommenters: readonly string[],
): boolean {
  if (comment.author_association && relayedAssociations.has(comment.author_association)) return true;
  const login = comment.user?.login.toLowerCase();
  return login !== undefined && githubCommenters.some((listed) => listed.toLowerCase() === login);
}
