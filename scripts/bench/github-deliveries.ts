import { createHmac, randomUUID } from 'node:crypto';
import { type LoadRequest, requestHead } from './http-load.ts';

// GitHub-shaped `issues` deliveries for the intake bench: the load generator's process sends them,
// the bench's own process uses them for the reference inserts.

export const repo = 'acme/desktop-app';
const bodies = 64;

export type SignedDelivery = { body: Buffer; signature: string; payload: ReturnType<typeof issuesPayload> };

/** Bodies differ as GitHub's do (issue, action, times); each is signed once. */
export function signedDeliveries(secret: string): SignedDelivery[] {
  return Array.from({ length: bodies }, (_, n) => {
    const payload = issuesPayload(n);
    const body = JSON.stringify(payload);
    const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    return { body: Buffer.from(body), signature, payload };
  });
}

/** The n-th delivery as GitHub sends it: one of the signed bodies, under a new X-GitHub-Delivery. */
export function deliveryRequest(url: URL, signed: SignedDelivery[], n: number): LoadRequest {
  const { body, signature } = signed[n % signed.length]!;
  const head = requestHead(url, 'POST', '/api/github/webhooks', {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/bench',
    'x-github-event': 'issues',
    'x-github-delivery': randomUUID(),
    'x-github-hook-id': '1',
    'x-hub-signature-256': signature,
  });
  return { head, body };
}

/** An `issues` delivery shaped and sized like GitHub's (about 7 KB): the issue, the repository, the sender. */
export function issuesPayload(n: number) {
  const [owner, name] = repo.split('/') as [string, string];
  const number = 1000 + n;
  const at = new Date(Date.UTC(2025, 5, 1, 9, 0, n)).toISOString().replace(/\.\d+Z$/, 'Z');
  const api = 'https://api.github.com';
  const repoApi = `${api}/repos/${repo}`;
  const user = (login: string, id: number) => ({
    login,
    id,
    node_id: `MDQ6VXNlcj${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${api}/users/${login}`,
    html_url: `https://github.com/${login}`,
    followers_url: `${api}/users/${login}/followers`,
    following_url: `${api}/users/${login}/following{/other_user}`,
    gists_url: `${api}/users/${login}/gists{/gist_id}`,
    starred_url: `${api}/users/${login}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/users/${login}/subscriptions`,
    organizations_url: `${api}/users/${login}/orgs`,
    repos_url: `${api}/users/${login}/repos`,
    events_url: `${api}/users/${login}/events{/privacy}`,
    received_events_url: `${api}/users/${login}/received_events`,
    type: 'User',
    user_view_type: 'public',
    site_admin: false,
  });
  const label = (labelName: string, id: number) => ({
    id,
    node_id: `LA_kwDO${id}`,
    url: `${repoApi}/labels/${encodeURIComponent(labelName)}`,
    name: labelName,
    color: 'ededed',
    default: false,
    description: null,
  });
  const labels = [label('fieldtest', 1), label('source: customer', 2), label('release: 4.2', 3), label('P1', 4)];
  const body = [
    '### Steps to reproduce',
    '1. Open a long document\n2. Print it to any printer\n3. Watch the queue',
    '### Expected',
    'Every page prints',
    '### Actual',
    `Only the first ${n % 9} pages print, then the queue stalls and the editor stops answering.`,
    '### Environment',
    '| | |\n|---|---|\n| OS | Windows 11 |\n| Browser | Edge 131 |\n| Build | 4.2 (1187) |',
    'Reported by otter-3f2a (customer) in Fieldtest: https://fieldtest.example/reports/0197-bench',
    `<!-- fieldtest:report:0197a000-0000-7000-8000-${String(number).padStart(12, '0')} -->`,
  ].join('\n\n');
  return {
    action: n % 2 ? 'labeled' : 'edited',
    issue: {
      url: `${repoApi}/issues/${number}`,
      repository_url: repoApi,
      labels_url: `${repoApi}/issues/${number}/labels{/name}`,
      comments_url: `${repoApi}/issues/${number}/comments`,
      events_url: `${repoApi}/issues/${number}/events`,
      html_url: `https://github.com/${repo}/issues/${number}`,
      id: 2_400_000_000 + n,
      node_id: `I_kwDOBench${number}`,
      number,
      title: `Printing stops after page ${n % 9}`,
      user: user('fieldtest-bot', 900001),
      labels,
      state: 'open',
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: n % 4,
      created_at: at,
      updated_at: at,
      closed_at: null,
      author_association: 'NONE',
      type: null,
      active_lock_reason: null,
      sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
      body,
      closed_by: null,
      reactions: {
        url: `${repoApi}/issues/${number}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
      timeline_url: `${repoApi}/issues/${number}/timeline`,
      performed_via_github_app: null,
      state_reason: null,
    },
    ...(n % 2 ? { label: labels[3] } : { changes: { body: { from: 'An earlier description of the problem' } } }),
    repository: {
      id: 812_345_678,
      node_id: 'R_kgDOBench',
      name,
      full_name: repo,
      private: true,
      owner: { ...user(owner, 700001), type: 'Organization' },
      html_url: `https://github.com/${repo}`,
      description: 'The desktop app',
      fork: false,
      url: repoApi,
      ...Object.fromEntries(
        [
          'forks',
          'collaborators{/collaborator}',
          'issues/events{/number}',
          'events',
          'assignees{/user}',
          'branches{/branch}',
          'tags',
          'statuses/{sha}',
          'languages',
          'stargazers',
          'contributors',
          'commits{/sha}',
          'comments{/number}',
          'issues/comments{/number}',
          'contents/{+path}',
          'compare/{base}...{head}',
          '{archive_format}{/ref}',
          'issues{/number}',
          'pulls{/number}',
          'milestones{/number}',
          'notifications{?since,all,participating}',
          'labels{/name}',
          'releases{/id}',
        ].map((path) => [`${path.split(/[{/]/)[0] || 'archive'}_url`, `${repoApi}/${path}`]),
      ),
      created_at: '2023-02-01T10:00:00Z',
      updated_at: at,
      pushed_at: at,
      git_url: `git://github.com/${repo}.git`,
      ssh_url: `git@github.com:${repo}.git`,
      clone_url: `https://github.com/${repo}.git`,
      svn_url: `https://github.com/${repo}`,
      homepage: null,
      size: 48213,
      stargazers_count: 0,
      watchers_count: 0,
      language: 'TypeScript',
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
      open_issues_count: 214,
      license: null,
      allow_forking: false,
      is_template: false,
      web_commit_signoff_required: false,
      topics: [],
      visibility: 'private',
      forks: 0,
      open_issues: 214,
      watchers: 0,
      default_branch: 'main',
      custom_properties: {},
    },
    sender: user(`engineer-${n % 5}`, 800000 + (n % 5)),
  };
}
