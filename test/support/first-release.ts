import type { TestClient } from './http-client.ts';
import { bodyOf } from './problem.ts';

/**
 * On a fresh server (one spawned as its own process, say): the first admin through the setup
 * link, signed in on `client`, and a program with a release in testing now. Returns the release id.
 */
export async function setUpTestingRelease(
  client: TestClient,
  setupLink: string,
  program: { name: string; githubRepo: string },
): Promise<string> {
  await bodyOf(
    await client.api.api.setup.$post({
      json: {
        token: new URL(setupLink).hash.slice(1),
        name: 'Lead',
        email: 'lead@example.test',
        password: 'a long enough password',
      },
    }),
    201,
  );
  const created = await bodyOf(
    await client.api.api.programs.$post({ json: { ...program, product: 'App', termsText: 'Terms.' } }),
    201,
  );
  const release = await bodyOf(
    await client.api.api.programs[':id'].releases.$post({
      param: { id: created.id },
      json: {
        version: '1.0',
        build: '100',
        testStart: new Date(Date.now() - 3_600_000).toISOString(),
        testEnd: new Date(Date.now() + 86_400_000).toISOString(),
        focusAreas: [],
        instructions: '',
        cohortCapacity: null,
      },
    }),
    201,
  );
  await bodyOf(
    await client.api.api.releases[':id'].$patch({ param: { id: release.id }, json: { status: 'testing' } }),
    200,
  );
  return release.id;
}
