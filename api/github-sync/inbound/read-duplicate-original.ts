import { z } from 'zod';
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { readBlockedUntil } from '../client/allow-github-read.ts';
import type { GithubClient } from '../client/github-client.ts';
import { recordGithubSuccess } from '../client/record-github-success.ts';

/**
 * Which issue GitHub records as the original of a duplicate:
 * - `answered`: GitHub was asked; `original` is null when its timeline marks no original (a REST
 *   close with state_reason duplicate records none, and a reopen or an unmark ends a mark);
 * - `unavailable`: GitHub could not be asked (no credentials, blocked after a rate limit, a failure);
 *   then the newest "Duplicate of #N" comment by engineering is taken instead;
 * - `not_read`: nobody asked, because the issue did not look like a duplicate before the transaction
 *   (see read-before-apply.ts).
 */
export type DuplicateOriginal =
  | { kind: 'answered'; original: { repo: string; number: number } | null }
  | { kind: 'unavailable' }
  | { kind: 'not_read' };

// GitHub's REST API has no field for a duplicate's original (the timeline's marked_as_duplicate
// event carries none); GraphQL's MarkedAsDuplicateEvent has it as `canonical`. The newest of the
// events that make or end a mark decides.
const query = `query DuplicateOriginal($owner: String!, $name: String!, $number: Int!) {
  repository(owner: $owner, name: $name) {
    issue(number: $number) {
      timelineItems(itemTypes: [MARKED_AS_DUPLICATE_EVENT, UNMARKED_AS_DUPLICATE_EVENT, REOPENED_EVENT], last: 1) {
        nodes {
          __typename
          ... on MarkedAsDuplicateEvent {
            canonical { __typename ... on Issue { number repository { nameWithOwner } } }
          }
        }
      }
    }
  }
}`;

const answerSchema = z.object({
  data: z.object({
    repository: z
      .object({
        issue: z
          .object({
            timelineItems: z.object({
              nodes: z.array(
                z
                  .object({
                    __typename: z.string(),
                    canonical: z
                      .object({
                        __typename: z.string(),
                        number: z.number().int().positive().optional(),
                        repository: z.object({ nameWithOwner: z.string() }).optional(),
                      })
                      .nullish(),
                  })
                  .nullable(),
              ),
            }),
          })
          .nullable(),
      })
      .nullable(),
  }),
});

/** Asks GitHub's GraphQL API for the issue's original, outside any transaction. */
export async function readDuplicateOriginal(options: {
  prisma: PrismaClient;
  github: GithubClient | null;
  repo: string;
  number: number;
}): Promise<DuplicateOriginal> {
  const { prisma, github, repo, number } = options;
  if (!github) return { kind: 'unavailable' };
  if (await readBlockedUntil(prisma, github.rateKey, 'graphql')) return { kind: 'unavailable' };
  const [owner = '', name = ''] = repo.split('/');
  try {
    const response = await github.octokit.request('POST /graphql', {
      query,
      variables: { owner, name, number },
    });
    await recordGithubSuccess({ prisma, rateKey: github.rateKey, headers: response.headers });
    const parsed = answerSchema.safeParse(response.data);
    if (!parsed.success) return { kind: 'unavailable' };
    const last = parsed.data.data.repository?.issue?.timelineItems.nodes.at(-1);
    const canonical = last?.__typename === 'MarkedAsDuplicateEvent' ? last.canonical : null;
    if (canonical?.__typename !== 'Issue' || !canonical.number || !canonical.repository) {
      return { kind: 'answered', original: null };
    }
    return { kind: 'answered', original: { repo: canonical.repository.nameWithOwner, number: canonical.number } };
  } catch {
    // Whatever went wrong, the next delivery or reconciliation asks again.
    return { kind: 'unavailable' };
  }
}
