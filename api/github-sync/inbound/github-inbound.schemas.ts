import { z } from 'zod';
import { githubCommentSchema, githubIssueSchema } from '../client/github.schemas.ts';

// The webhook payloads the processing loop reads (shapes from @octokit/openapi-webhooks-types),
// validated when a delivery is processed. Fields not named here are ignored.

const repositorySchema = z.object({ full_name: z.string() });

export const issuesEventSchema = z.object({
  action: z.string(),
  issue: githubIssueSchema,
  repository: repositorySchema,
  // issues.transferred: where the issue went.
  changes: z
    .object({
      new_issue: githubIssueSchema.optional(),
      new_repository: repositorySchema.optional(),
    })
    .partial()
    .passthrough()
    .optional(),
});
export type IssuesEvent = z.output<typeof issuesEventSchema>;

export const issueCommentEventSchema = z.object({
  action: z.enum(['created', 'edited', 'deleted']),
  issue: githubIssueSchema,
  comment: githubCommentSchema,
  repository: repositorySchema,
});
export type IssueCommentEvent = z.output<typeof issueCommentEventSchema>;
