import { randomUUID } from 'node:crypto';
import { issueJson, labelJson, repositoryJson, simpleUser } from '../github-emulator/github-shapes.ts';
import { Store } from '../github-emulator/store.ts';
import { signPayload } from '../github-emulator/webhooks.ts';
import { type LoadRequest, requestHead } from './http-load.ts';

// GitHub-shaped `issues` deliveries for the intake bench: the load generator's process sends them,
// the bench's own process uses them for the reference inserts.

export const repo = 'acme/desktop-app';
const bodies = 64;
const api = 'https://api.github.com';

export type SignedDelivery = { body: Buffer; signature: string; payload: ReturnType<typeof issuesPayload> };

/** Bodies differ as GitHub's do (issue, action, times); each is signed once. */
export function signedDeliveries(secret: string): SignedDelivery[] {
  return Array.from({ length: bodies }, (_, n) => {
    const payload = issuesPayload(n);
    const body = JSON.stringify(payload);
    const signature = signPayload(secret, body);
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

/**
 * An `issues` delivery shaped and sized like GitHub's (about 9 KB): the issue, the repository, the
 * sender, in the GitHub emulator's shapes (typed against GitHub's OpenAPI description) with
 * api.github.com as their base.
 */
export function issuesPayload(n: number) {
  const [owner, name] = repo.split('/') as [string, string];
  const store = new Store();
  store.setClock(Date.UTC(2025, 5, 1, 9, 0, n));
  const repository = store.ensureRepo(owner, name);
  repository.nextNumber = 1000 + n;
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
    `<!-- fieldtest:report:0197a000-0000-7000-8000-${String(repository.nextNumber).padStart(12, '0')} -->`,
  ].join('\n\n');
  const issue = store.addIssue(repository, {
    title: `Printing stops after page ${n % 9}`,
    body,
    labels: ['fieldtest', 'source: customer', 'release: 4.2', 'P1'],
    user: 'fieldtest-bot',
  });
  for (let comment = 0; comment < n % 4; comment++) store.addComment(issue, 'Still happens on 4.2', 'engineer-0');
  const label = store.findLabel(repository, 'P1');
  return {
    action: n % 2 ? 'labeled' : 'edited',
    issue: issueJson(api, store, issue),
    ...(n % 2 && label
      ? { label: labelJson(api, repository, label) }
      : { changes: { body: { from: 'An earlier description of the problem' } } }),
    repository: repositoryJson(api, store, repository),
    sender: simpleUser(api, store.user(`engineer-${n % 5}`)),
  };
}
