import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxDraftBytes } from '../../api/reports/reports.schemas.ts';
import type { TestClient } from '../support/http-client.ts';
import { bodyOf, readProblem } from '../support/problem.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// The report form as typed, kept on the server so that a closed tab or another device loses nothing.

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const releaseId = '01900000-0000-7000-8000-0000000000aa';
const formData = {
  values: { title: 'Printing crashes', steps: '1. Print\n', severity: 'major', attachments: [] },
  editedAt: '2026-11-23T10:00:00.000Z',
};

function getDraft(client: TestClient) {
  return client.api.api.me['report-draft'].$get();
}

function putDraft(client: TestClient, json: { releaseId?: string | null; data: Record<string, unknown> }) {
  return client.api.api.me['report-draft'].$put({ json });
}

describe('report drafts', () => {
  it('keeps what was typed, replaces it on the next save, and throws it away on delete', async () => {
    const { client } = await signedInClient(server, 'mvp');
    expect(await bodyOf(await getDraft(client), 200)).toEqual({ draft: null });

    const saved = await bodyOf(await putDraft(client, { releaseId, data: formData }), 200);
    expect(saved).toEqual({ draft: { releaseId, data: formData, updatedAt: expect.any(String) } });
    expect(await bodyOf(await getDraft(client), 200)).toEqual(saved);

    const next = { ...formData, values: { ...formData.values, title: 'Printing crashes twice' } };
    const replaced = await bodyOf(await putDraft(client, { data: next }), 200);
    expect(replaced.draft).toEqual({ releaseId: null, data: next, updatedAt: expect.any(String) });
    expect(await bodyOf(await getDraft(client), 200)).toEqual(replaced);

    expect((await client.api.api.me['report-draft'].$delete()).status).toBe(204);
    expect(await bodyOf(await getDraft(client), 200)).toEqual({ draft: null });
    expect((await client.api.api.me['report-draft'].$delete()).status, 'no draft is no error').toBe(204);
  });

  it("keeps each person's draft to themselves", async () => {
    const first = await signedInClient(server, 'mvp');
    const second = await signedInClient(server, 'mvp');
    const staff = await signedInClient(server, 'internal_tester');
    await bodyOf(await putDraft(first.client, { releaseId, data: formData }), 200);
    await bodyOf(await putDraft(staff.client, { data: { title: 'Staff draft' } }), 200);
    expect(await bodyOf(await getDraft(second.client), 200)).toEqual({ draft: null });
    expect((await bodyOf(await getDraft(staff.client), 200)).draft?.data).toEqual({ title: 'Staff draft' });
    expect((await second.client.api.api.me['report-draft'].$delete()).status).toBe(204);
    expect((await bodyOf(await getDraft(first.client), 200)).draft?.data).toEqual(formData);
  });

  it(`takes a draft of up to ${maxDraftBytes / 1000} kB and refuses a larger one on data, keeping the last`, async () => {
    const { user, client } = await signedInClient(server, 'mvp');
    // {"steps":"…"} is 12 bytes around the text; "é" is two bytes in UTF-8.
    const largest = { steps: 'é'.repeat((maxDraftBytes - 12) / 2) };
    await bodyOf(await putDraft(client, { data: largest }), 200);
    const response = await putDraft(client, { data: { steps: `${largest.steps}x` } });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual(['data']);
    const stored = await server.prisma.reportDraft.findUniqueOrThrow({ where: { userId: user.id } });
    expect(stored.data).toEqual(largest);
  });

  it.each([
    ['data that is a list', { data: ['title'] }, 'data'],
    ['data that is text', { data: 'title' }, 'data'],
    ['no data', {}, 'data'],
    ['a release that is no id', { releaseId: 'release-1', data: {} }, 'releaseId'],
    ['a field of its own', { data: {}, title: 'x' }, 'title'],
  ])('refuses %s, naming the field and storing nothing', async (_, body, field) => {
    const { user, client } = await signedInClient(server, 'engineer');
    const response = await client.json('PUT', '/api/me/report-draft', body);
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors?.map((error) => error.field)).toEqual([field]);
    expect(await server.prisma.reportDraft.count({ where: { userId: user.id } })).toBe(0);
  });

  it('answers 401 without a session', async () => {
    const anonymous = server.client();
    expect((await getDraft(anonymous)).status).toBe(401);
    expect((await putDraft(anonymous, { data: {} })).status).toBe(401);
    expect((await anonymous.api.api.me['report-draft'].$delete()).status).toBe(401);
  });
});
