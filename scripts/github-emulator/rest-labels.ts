import type { Emulator } from './emulator.ts';
import { labelJson } from './github-shapes.ts';
import { changeIssue } from './issue-actions.ts';
import { labelNames } from './rest-issues.ts';
import {
  asObject,
  findIssue,
  findRepo,
  githubError,
  paginate,
  type RestAnswer,
  type RestRequest,
  type Route,
  validationFailed,
} from './rest-support.ts';
import type { IssueRecord } from './store.ts';

const repoPath = '^\\/repos\\/(?<owner>[^/]+)\\/(?<repo>[^/]+)';

export const labelRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${repoPath}\\/labels$`),
    handle: (emulator, request) => {
      const repo = findRepo(emulator, request.params);
      if ('status' in repo) return repo;
      const labels = [...repo.labels.values()].sort((a, b) => a.name.localeCompare(b.name));
      const { page, headers } = paginate(emulator, request, labels);
      return { status: 200, headers, body: page.map((label) => labelJson(emulator.base, repo, label)) };
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${repoPath}\\/labels$`),
    handle: (emulator, request) => {
      const repo = findRepo(emulator, request.params);
      if ('status' in repo) return repo;
      const body = asObject(request.body);
      if (typeof body.name !== 'string' || body.name.trim() === '')
        return validationFailed('Label', 'name', 'missing_field');
      if (emulator.store.findLabel(repo, body.name)) return validationFailed('Label', 'name', 'already_exists');
      const color = typeof body.color === 'string' ? body.color.replace(/^#/, '') : 'ededed';
      if (!/^[0-9a-fA-F]{6}$/.test(color)) return validationFailed('Label', 'color', 'invalid');
      const description = typeof body.description === 'string' ? body.description : null;
      const label = emulator.store.ensureLabel(repo, body.name, color.toLowerCase(), description);
      return { status: 201, body: labelJson(emulator.base, repo, label) };
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/labels$`),
    handle: (emulator, request) => {
      const issue = findIssue(emulator, request.params);
      if ('status' in issue) return issue;
      return issueLabels(emulator, issue);
    },
  },
  {
    method: 'POST',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/labels$`),
    handle: (emulator, request) => setLabels(emulator, request, 'add'),
  },
  {
    method: 'PUT',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/labels$`),
    handle: (emulator, request) => setLabels(emulator, request, 'replace'),
  },
  {
    method: 'DELETE',
    pattern: new RegExp(`${repoPath}\\/issues\\/(?<number>\\d+)\\/labels\\/(?<name>[^/]+)$`),
    handle: (emulator, request) => {
      const issue = findIssue(emulator, request.params);
      if ('status' in issue) return issue;
      const name = (request.params.name ?? '').toLowerCase();
      if (!issue.labels.some((label) => label.toLowerCase() === name)) return githubError(404, 'Label does not exist');
      const labels = issue.labels.filter((label) => label.toLowerCase() !== name);
      changeIssue(emulator, issue, { labels }, request.login);
      return issueLabels(emulator, issue);
    },
  },
];

/** POST adds, PUT replaces; both take `{labels: [...]}` or a bare array, as GitHub does. */
function setLabels(emulator: Emulator, request: RestRequest, mode: 'add' | 'replace'): RestAnswer {
  const issue = findIssue(emulator, request.params);
  if ('status' in issue) return issue;
  const given = Array.isArray(request.body) ? request.body : asObject(request.body).labels;
  const names = labelNames(given);
  if (names === null) return validationFailed('Label', 'labels', 'invalid');
  changeIssue(emulator, issue, { labels: mode === 'add' ? [...issue.labels, ...names] : names }, request.login);
  return issueLabels(emulator, issue);
}

function issueLabels(emulator: Emulator, issue: IssueRecord): RestAnswer {
  const labels = issue.labels.flatMap((name) => {
    const label = emulator.store.findLabel(issue.repo, name);
    return label ? [labelJson(emulator.base, issue.repo, label)] : [];
  });
  return { status: 200, body: labels };
}
