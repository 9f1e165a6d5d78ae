import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { reportMarker } from '../../api/github-sync/client/github.schemas.ts';
import { outboundWorld, until } from '../support/sync-outbound-fixtures.ts';
import { signedInClient } from '../support/test-server.ts';

// Text on its way to GitHub. What GitHub accepts: a title over 256 characters or a body over
// 65,536 is refused with 422, and the emulator refuses them alike. Fieldtest never sends one: text
// grows on its way to GitHub (each neutralised mention or reference gains a character), so it is
// fitted, never dead-lettered. Who GitHub sees: customers by handle, staff by role only.

const timeScale = 60;

const { server, emulator, setUp, mvpOf, fileReport, startWorker, untilLinked, jobOf } = outboundWorld({ timeScale });

describe('what GitHub accepts', () => {
  it('refuses a title over 256 characters and a body over 65,536, counting characters as GitHub does', async () => {
    const { repo } = await setUp();
    const [owner, name] = repo.split('/') as [string, string];
    const octokit = new Octokit({ baseUrl: emulator().url, auth: emulator().token });
    const refused = await octokit.rest.issues
      .create({ owner, repo: name, title: 'x'.repeat(257) })
      .catch((error) => error);
    expect(refused.status).toBe(422);
    expect(refused.response.data.errors).toEqual([
      { resource: 'Issue', code: 'custom', field: 'title', message: 'title is too long (maximum is 256 characters)' },
    ]);
    const long = await octokit.rest.issues
      .create({ owner, repo: name, title: 'Long body', body: 'b'.repeat(65_537) })
      .catch((error) => error);
    expect(long.status).toBe(422);
    expect(long.response.data.errors[0].message).toBe('body is too long (maximum is 65536 characters)');
    // 256 characters outside the Basic Multilingual Plane are 512 UTF-16 units, and fine.
    const emoji = await octokit.rest.issues.create({ owner, repo: name, title: '🐛'.repeat(256) });
    expect(emoji.status).toBe(201);
    const created = await octokit.rest.issues.create({ owner, repo: name, title: 'Short' });
    const renamed = await octokit.rest.issues
      .update({ owner, repo: name, issue_number: created.data.number, title: 'y'.repeat(257) })
      .catch((error) => error);
    expect(renamed.status).toBe(422);
    const comment = await octokit.rest.issues
      .createComment({ owner, repo: name, issue_number: created.data.number, body: 'c'.repeat(65_537) })
      .catch((error) => error);
    expect(comment.status).toBe(422);
  });

  it('sends a title that neutralising makes longer than GitHub takes, shortened, instead of dead-lettering it', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    // 200 characters, as many as Fieldtest takes; each "#1" gains an invisible character on GitHub.
    const title = '#1 '.repeat(66).concat('ok').slice(0, 200);
    const filed = await fileReport(mvp.client, release.id, { title });
    const worker = await startWorker();
    try {
      await untilLinked(filed.id);
    } finally {
      await worker.stop();
    }
    expect((await jobOf(filed.id)).status).toBe('done');
    const [issue] = (await emulator().control.issues(repo)).filter((each) =>
      each.body?.includes(reportMarker(filed.id)),
    );
    expect([...issue!.title].length).toBeLessThanOrEqual(256);
    expect(issue!.title.endsWith('…')).toBe(true);
    expect(issue!.title).not.toMatch(/(^|\s)#\d/);
  });

  it('neutralises links to issues and pull requests on github.com, so no other repository gets a cross-reference', async () => {
    const { repo, release } = await setUp();
    const mvp = await mvpOf(release);
    const filed = await fileReport(mvp.client, release.id, {
      steps: 'Same as https://github.com/other/project/issues/12 and https://github.com/other/project/pull/7',
    });
    const worker = await startWorker();
    try {
      await untilLinked(filed.id);
    } finally {
      await worker.stop();
    }
    const [issue] = (await emulator().control.issues(repo)).filter((each) =>
      each.body?.includes(reportMarker(filed.id)),
    );
    expect(issue!.body).not.toMatch(/github\.com\/[\w.-]+\/[\w.-]+\/(issues|pull)\/\d/);
    expect(issue!.body?.replaceAll('\u200B', '')).toContain('https://github.com/other/project/issues/12');
  });
});

describe('who GitHub sees', () => {
  it('names staff who comment by their role, never by name, and customers by handle', async () => {
    const { repo, programId, release } = await setUp();
    const mvp = await mvpOf(release);
    const filed = await fileReport(mvp.client, release.id);
    const engineer = await signedInClient(server(), 'engineer');
    const lead = await signedInClient(server(), 'admin');
    await server().prisma.programMember.create({ data: { programId, userId: engineer.user.id } });
    const worker = await startWorker();
    try {
      await untilLinked(filed.id);
      const say = async (client: typeof lead.client, body: string) => {
        const response = await client.api.api.reports[':id'].comments.$post({
          param: { id: filed.id },
          json: { body, visibility: 'public' },
        });
        expect(response.status).toBe(201);
      };
      await say(engineer.client, 'Which printer model is it?');
      await say(lead.client, 'Thanks for the report.');
      await say(mvp.client, 'An HP LaserJet.');
      const [issue] = (await emulator().control.issues(repo)).filter((each) =>
        each.body?.includes(reportMarker(filed.id)),
      );
      const comments = await until(
        () => emulator().control.comments(repo, issue!.number),
        (found) => found.length === 3,
      );
      const heading = (text: string) => comments.find((comment) => comment.body?.includes(text))?.body?.split('\n')[0];
      expect(heading('Which printer model')).toBe('**an engineer** wrote in Fieldtest:');
      expect(heading('Thanks for the report')).toBe('**a program lead** wrote in Fieldtest:');
      expect(heading('An HP LaserJet')).toBe(`**${mvp.handle}** wrote in Fieldtest:`);
      for (const comment of comments)
        for (const name of [engineer.user.name, lead.user.name, mvp.user.name])
          expect(comment.body).not.toContain(name);
    } finally {
      await worker.stop();
    }
  });
});
