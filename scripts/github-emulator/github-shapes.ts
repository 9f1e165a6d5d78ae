import type { components } from '@octokit/openapi-types';
import {
  type CommentRecord,
  type IssueRecord,
  issueNodeId,
  type LabelRecord,
  type RepoRecord,
  type Store,
  type UserRecord,
} from './store.ts';

/**
 * GitHub's JSON for the emulator's records, typed against @octokit/openapi-types so `tsc` catches a
 * field that drifts from the real API. URLs point at the emulator itself (`base`), shaped like
 * api.github.com's; html_url uses the same host without the API prefix, as on GitHub.
 */
export type Issue = components['schemas']['issue'];
export type IssueComment = components['schemas']['issue-comment'];
export type Label = components['schemas']['label'];
export type Repository = components['schemas']['repository'];
export type FullRepository = components['schemas']['full-repository'];
export type SimpleUser = components['schemas']['simple-user'];

/** GitHub's timestamps: ISO 8601 in UTC, whole seconds. */
export function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

export function simpleUser(base: string, user: UserRecord): SimpleUser {
  const url = `${base}/users/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `${base}/avatars/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${base}/${encodeURIComponent(user.login)}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function repoApiUrl(base: string, repo: RepoRecord): string {
  return `${base}/repos/${repo.owner}/${repo.name}`;
}

export function labelJson(base: string, repo: RepoRecord, label: LabelRecord): Label {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${repoApiUrl(base, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function issueApiUrl(base: string, issue: IssueRecord): string {
  return `${repoApiUrl(base, issue.repo)}/issues/${issue.number}`;
}

export function issueJson(base: string, store: Store, issue: IssueRecord): Issue {
  const url = issueApiUrl(base, issue);
  const labels = issue.labels.flatMap((name) => {
    const label = store.findLabel(issue.repo, name);
    return label ? [labelJson(base, issue.repo, label)] : [];
  });
  return {
    url,
    repository_url: repoApiUrl(base, issue.repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${base}/${issue.repo.owner}/${issue.repo.name}/issues/${issue.number}`,
    id: issue.id,
    node_id: issueNodeId(issue.id),
    number: issue.number,
    title: issue.title,
    user: simpleUser(base, store.user(issue.user)),
    labels,
    state: issue.state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: store.commentsOf(issue).length,
    created_at: isoSeconds(issue.createdAt),
    updated_at: isoSeconds(issue.updatedAt),
    closed_at: issue.closedAt === null ? null : isoSeconds(issue.closedAt),
    author_association: store.associationOf(issue.repo, issue.user),
    active_lock_reason: null,
    body: issue.body,
    closed_by: issue.closedBy ? simpleUser(base, store.user(issue.closedBy)) : null,
    reactions: emptyReactions(`${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.stateReason,
  };
}

export function commentJson(base: string, store: Store, comment: CommentRecord): IssueComment {
  const url = `${repoApiUrl(base, comment.issue.repo)}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${base}/${comment.issue.repo.owner}/${comment.issue.repo.name}/issues/${comment.issue.number}#issuecomment-${comment.id}`,
    issue_url: issueApiUrl(base, comment.issue),
    id: comment.id,
    node_id: nodeId('IC_kw', comment.id),
    user: simpleUser(base, store.user(comment.user)),
    created_at: isoSeconds(comment.createdAt),
    updated_at: isoSeconds(comment.updatedAt),
    author_association: store.associationOf(comment.issue.repo, comment.user),
    body: comment.body,
    reactions: emptyReactions(`${url}/reactions`),
    performed_via_github_app: null,
  };
}

export function repositoryJson(base: string, store: Store, repo: RepoRecord): Repository {
  return repositoryFields(base, store, repo);
}

/** A repository as `GET /repos/{owner}/{repo}` answers it. */
export function fullRepositoryJson(base: string, store: Store, repo: RepoRecord): FullRepository {
  return { ...repositoryFields(base, store, repo), network_count: 0, subscribers_count: 0 };
}

function repositoryFields(base: string, store: Store, repo: RepoRecord) {
  const url = repoApiUrl(base, repo);
  const openIssues = store.liveIssues(repo).filter((issue) => issue.state === 'open').length;
  const created = isoSeconds(repo.createdAt);
  return {
    id: repo.id,
    node_id: nodeId('R_kg', repo.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: true,
    owner: simpleUser(base, store.user(repo.owner)),
    html_url: `${base}/${repo.owner}/${repo.name}`,
    description: null,
    fork: false,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: created,
    updated_at: created,
    pushed_at: created,
    git_url: `git://127.0.0.1/${repo.owner}/${repo.name}.git`,
    ssh_url: `git@127.0.0.1:${repo.owner}/${repo.name}.git`,
    clone_url: `${base}/${repo.owner}/${repo.name}.git`,
    svn_url: `${base}/${repo.owner}/${repo.name}`,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'private',
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
    default_branch: 'main',
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
  };
}

function emptyReactions(url: string): components['schemas']['reaction-rollup'] {
  return {
    url,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}${Buffer.from(String(id)).toString('base64url')}`;
}
