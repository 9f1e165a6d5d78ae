import { z } from 'zod';

// The parts of GitHub's answers and webhook payloads that the sync reads, validated where they
// enter (shapes from @octokit/openapi-types and @octokit/openapi-webhooks-types). Anything else
// GitHub sends passes through untouched.

export const githubLabelSchema = z.union([z.string().transform((name) => ({ name })), z.object({ name: z.string() })]);

export const githubUserSchema = z.object({ login: z.string(), id: z.number().int(), type: z.string().optional() });

export const githubIssueSchema = z.object({
  id: z.number().int(),
  number: z.number().int().positive(),
  html_url: z.string(),
  repository_url: z.string(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.enum(['open', 'closed']),
  state_reason: z.enum(['completed', 'not_planned', 'duplicate', 'reopened']).nullable().optional(),
  labels: z.array(githubLabelSchema),
  user: githubUserSchema.nullable(),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
  closed_at: z.iso.datetime({ offset: true }).nullable().optional(),
  // Present on pull requests, which GitHub lists among issues.
  pull_request: z.unknown().optional(),
});
export type GithubIssue = z.output<typeof githubIssueSchema>;

export const githubCommentSchema = z.object({
  id: z.number().int(),
  html_url: z.string(),
  issue_url: z.string(),
  body: z.string().nullable().optional(),
  user: githubUserSchema.nullable(),
  // OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIME_CONTRIBUTOR, FIRST_TIMER, MANNEQUIN or NONE;
  // read as a string, so a value GitHub adds later counts as no standing rather than a bad payload.
  author_association: z.string().optional(),
  created_at: z.iso.datetime({ offset: true }),
  updated_at: z.iso.datetime({ offset: true }),
});
export type GithubComment = z.output<typeof githubCommentSchema>;

export const githubRepositorySchema = z.object({
  id: z.number().int(),
  full_name: z.string(),
});

/** owner/name from an issue's `repository_url` (https://api.github.com/repos/owner/name). */
export function repoOfIssue(issue: Pick<GithubIssue, 'repository_url'>): string {
  const match = issue.repository_url.match(/\/repos\/([^/]+\/[^/]+)\/?$/);
  if (!match?.[1]) throw new Error(`Unexpected repository_url ${issue.repository_url}`);
  return match[1];
}

/** The hidden markers the sync writes into what it creates, so it can recognise its own work. */
export const reportMarker = (reportId: string) => `<!-- fieldtest:report:${reportId} -->`;
export const commentMarker = (commentId: string) => `<!-- fieldtest:comment:${commentId} -->`;
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
export function findReportMarker(body: string | null | undefined): string | null {
  return body?.match(new RegExp(`<!-- fieldtest:report:(${uuid}) -->`))?.[1] ?? null;
}
export function findCommentMarker(body: string | null | undefined): string | null {
  return body?.match(new RegExp(`<!-- fieldtest:comment:(${uuid}) -->`))?.[1] ?? null;
}
