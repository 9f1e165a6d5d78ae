import { buildSchema, GraphQLError, graphql } from 'graphql';
import type { Emulator } from './emulator.ts';
import { isoSeconds } from './github-shapes.ts';
import { changeIssue } from './issue-actions.ts';
import type { RestAnswer, Route } from './rest-support.ts';
import { type IssueRecord, issueNodeId, type RepoRecord, type StateReason, type TimelineRecord } from './store.ts';

// The part of GitHub's GraphQL schema (https://docs.github.com/graphql) that the sync and the tests
// use, with GitHub's own names and types: an issue's timeline of duplicate marks, closes and reopens,
// and closeIssue, whose `duplicateIssueId` is how "Close as duplicate" records the original. Queries
// are parsed and validated against it by graphql-js, so a field GitHub does not have is refused the
// way GitHub refuses it (200 with `errors`).
const schema = buildSchema(`
  scalar DateTime
  scalar URI

  interface Node { id: ID! }
  interface Actor { login: String! }
  type User implements Actor & Node { id: ID!  login: String! }

  enum IssueState { OPEN CLOSED }
  enum IssueStateReason { COMPLETED NOT_PLANNED DUPLICATE REOPENED }
  enum IssueClosedStateReason { COMPLETED NOT_PLANNED DUPLICATE }
  enum IssueTimelineItemsItemType { MARKED_AS_DUPLICATE_EVENT UNMARKED_AS_DUPLICATE_EVENT CLOSED_EVENT REOPENED_EVENT }

  type Repository implements Node { id: ID!  name: String!  nameWithOwner: String!  issue(number: Int!): Issue }
  type PullRequest implements Node { id: ID!  number: Int!  repository: Repository! }
  union IssueOrPullRequest = Issue | PullRequest

  type Issue implements Node {
    id: ID!
    number: Int!
    title: String!
    url: URI!
    state: IssueState!
    stateReason: IssueStateReason
    repository: Repository!
    timelineItems(itemTypes: [IssueTimelineItemsItemType!], first: Int, last: Int, since: DateTime): IssueTimelineItemsConnection!
  }

  type MarkedAsDuplicateEvent implements Node {
    id: ID!
    actor: Actor
    createdAt: DateTime!
    canonical: IssueOrPullRequest
    duplicate: IssueOrPullRequest
    isCrossRepository: Boolean!
  }
  type UnmarkedAsDuplicateEvent implements Node {
    id: ID!
    actor: Actor
    createdAt: DateTime!
    canonical: IssueOrPullRequest
    duplicate: IssueOrPullRequest
    isCrossRepository: Boolean!
  }
  type ClosedEvent implements Node { id: ID!  actor: Actor  createdAt: DateTime!  stateReason: IssueStateReason }
  type ReopenedEvent implements Node { id: ID!  actor: Actor  createdAt: DateTime! }
  union IssueTimelineItems = MarkedAsDuplicateEvent | UnmarkedAsDuplicateEvent | ClosedEvent | ReopenedEvent
  type IssueTimelineItemsConnection { nodes: [IssueTimelineItems]  totalCount: Int! }

  type Query {
    repository(owner: String!, name: String!): Repository
    node(id: ID!): Node
  }

  input CloseIssueInput {
    issueId: ID!
    stateReason: IssueClosedStateReason
    duplicateIssueId: ID
    clientMutationId: String
  }
  type CloseIssuePayload { issue: Issue  clientMutationId: String }
  type Mutation { closeIssue(input: CloseIssueInput!): CloseIssuePayload }
`);

const timelineTypes: Record<TimelineRecord['kind'], string> = {
  marked_as_duplicate: 'MarkedAsDuplicateEvent',
  unmarked_as_duplicate: 'UnmarkedAsDuplicateEvent',
  closed: 'ClosedEvent',
  reopened: 'ReopenedEvent',
};
const itemTypes: Record<string, TimelineRecord['kind']> = {
  MARKED_AS_DUPLICATE_EVENT: 'marked_as_duplicate',
  UNMARKED_AS_DUPLICATE_EVENT: 'unmarked_as_duplicate',
  CLOSED_EVENT: 'closed',
  REOPENED_EVENT: 'reopened',
};

type Context = { emulator: Emulator; login: string };

function repositoryNode(emulator: Emulator, repo: RepoRecord) {
  return {
    __typename: 'Repository',
    id: `R_kg${Buffer.from(String(repo.id)).toString('base64url')}`,
    name: repo.name,
    nameWithOwner: `${repo.owner}/${repo.name}`,
    issue: ({ number }: { number: number }) => {
      const issue = repo.issues.get(number);
      // A moved or deleted issue does not resolve: GitHub answers NOT_FOUND for it.
      if (!issue || issue.transferredTo || issue.deletedAt !== null) {
        throw new GraphQLError(`Could not resolve to an Issue with the number of ${number}.`, {
          extensions: { type: 'NOT_FOUND' },
        });
      }
      return issueNode(emulator, issue);
    },
  };
}

function issueNode(emulator: Emulator, issue: IssueRecord): Record<string, unknown> {
  return {
    __typename: 'Issue',
    id: issueNodeId(issue.id),
    number: issue.number,
    title: issue.title,
    url: `${emulator.base}/${issue.repo.owner}/${issue.repo.name}/issues/${issue.number}`,
    state: issue.state.toUpperCase(),
    stateReason: issue.stateReason?.toUpperCase() ?? null,
    repository: () => repositoryNode(emulator, issue.repo),
    timelineItems: (args: { itemTypes?: string[]; first?: number; last?: number; since?: string }) => {
      for (const [name, value] of [
        ['first', args.first],
        ['last', args.last],
      ] as const) {
        if (value !== undefined && value !== null && (value < 1 || value > 100)) {
          throw new GraphQLError(
            `Requesting ${value} records on the \`timelineItems\` connection exceeds the \`${name}\` limit of 100 records.`,
            { extensions: { type: 'EXCESSIVE_PAGINATION' } },
          );
        }
      }
      const wanted = args.itemTypes?.map((type) => itemTypes[type]);
      const since = args.since ? Date.parse(args.since) : null;
      let items = issue.timeline.filter(
        (item) => (!wanted || wanted.includes(item.kind)) && (since === null || item.at >= since),
      );
      const totalCount = items.length;
      if (args.first) items = items.slice(0, args.first);
      if (args.last) items = items.slice(-args.last);
      return { totalCount, nodes: items.map((item, index) => timelineNode(emulator, issue, item, index)) };
    },
  };
}

function timelineNode(emulator: Emulator, issue: IssueRecord, item: TimelineRecord, index: number) {
  const typename = timelineTypes[item.kind];
  const common = {
    __typename: typename,
    id: `${typename}_${issue.id}_${index}`,
    actor: { __typename: 'User', id: `U_${item.actor}`, login: item.actor },
    createdAt: isoSeconds(item.at),
  };
  if (item.kind === 'closed') return { ...common, stateReason: issue.stateReason?.toUpperCase() ?? null };
  if (item.kind === 'reopened' || !item.canonical) return common;
  return {
    ...common,
    canonical: issueNode(emulator, item.canonical),
    duplicate: issueNode(emulator, issue),
    isCrossRepository: item.canonical.repo !== issue.repo,
  };
}

const rootValue = {
  repository: ({ owner, name }: { owner: string; name: string }, { emulator }: Context) => {
    const repo = emulator.store.findRepo(owner, name);
    if (!repo) {
      throw new GraphQLError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, {
        extensions: { type: 'NOT_FOUND' },
      });
    }
    return repositoryNode(emulator, repo);
  },
  node: ({ id }: { id: string }, { emulator }: Context) => {
    const issue = emulator.store.issueByNodeId(id);
    if (!issue) throw new GraphQLError(`Could not resolve to a node with the global id of '${id}'`);
    return issueNode(emulator, issue);
  },
  closeIssue: (
    { input }: { input: { issueId: string; stateReason?: string | null; duplicateIssueId?: string | null } },
    { emulator, login }: Context,
  ) => {
    const issue = emulator.store.issueByNodeId(input.issueId);
    if (!issue || issue.deletedAt !== null) {
      throw new GraphQLError(`Could not resolve to a node with the global id of '${input.issueId}'`);
    }
    const reason = (input.stateReason?.toLowerCase() ?? 'completed') as StateReason;
    let duplicateOf: IssueRecord | undefined;
    if (input.duplicateIssueId) {
      duplicateOf = emulator.store.issueByNodeId(input.duplicateIssueId);
      if (!duplicateOf) {
        throw new GraphQLError(`Could not resolve to a node with the global id of '${input.duplicateIssueId}'`);
      }
      if (reason !== 'duplicate') throw new GraphQLError('duplicateIssueId is only allowed with stateReason DUPLICATE');
      if (duplicateOf === issue) throw new GraphQLError('An issue cannot be a duplicate of itself');
    }
    changeIssue(emulator, issue, { state: 'closed', stateReason: reason, duplicateOf }, login);
    return { issue: issueNode(emulator, issue) };
  },
};

async function answer(emulator: Emulator, body: unknown, login: string): Promise<RestAnswer> {
  const request = (body ?? {}) as { query?: unknown; variables?: unknown; operationName?: unknown };
  if (typeof request.query !== 'string') {
    return {
      status: 200,
      body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] },
    };
  }
  const result = await graphql({
    schema,
    source: request.query,
    rootValue,
    contextValue: { emulator, login } satisfies Context,
    variableValues:
      request.variables && typeof request.variables === 'object' ? (request.variables as Record<string, unknown>) : {},
    operationName: typeof request.operationName === 'string' ? request.operationName : undefined,
  });
  // GitHub answers 200 with `errors` (and `data` as far as it got) for a query it cannot run.
  return {
    status: 200,
    body: {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(result.errors ? { errors: result.errors.map((error) => ({ ...error.toJSON(), ...error.extensions })) } : {}),
    },
  };
}

export const graphqlRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/graphql$/,
    handle: (emulator, request) => answer(emulator, request.body, request.login),
  },
];
