import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Attachment, uploadQuota } from '../../api/attachments/attachments.schemas.ts';
import { createProgram, createRelease } from '../support/enrolment-fixtures.ts';
import type { TestClient } from '../support/http-client.ts';
import { readProblem } from '../support/problem.ts';
import { bytesOf, ebmlHeader, ftypBox, utf8 } from '../support/sample-files.ts';
import { signedInClient, startTestServer, type TestServer } from '../support/test-server.ts';

// Uploads, reads and deletes through HTTP with real multipart bodies; files land in a folder of
// this test file's own, which the tests also inspect.

let server: TestServer;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldtest-attachments-'));
  server = await startTestServer({ ATTACHMENTS_DIR: dir });
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const mebibyte = 1024 * 1024;
const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

// Tiny but valid files of each kind.
const png = fromBase64(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
);
const jpeg = fromBase64(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
);
const gif = fromBase64('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7');
const webp = fromBase64('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==');
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const mp4 = concat(ftypBox('isom'), bytesOf([0, 0, 0, 8], 'mdat'));
const quicktime = concat(ftypBox('qt  '), bytesOf([0, 0, 0, 8], 'mdat'));
// With an empty Segment of unknown size after the header.
const ebml = (docType: string) =>
  concat(ebmlHeader(docType), bytesOf([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]));
const webm = ebml('webm');
const log = utf8('2026-03-02T10:00:01Z INFO sync started\n2026-03-02T10:00:02Z ERROR sync failed: Größe 日本\n');

/** A file of `size` bytes that opens like `prefix` (sizes are read from the content's kind). */
function padded(prefix: Uint8Array, size: number, fill = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set(prefix);
  return bytes;
}

function upload(
  client: TestClient,
  bytes: Uint8Array<ArrayBuffer>,
  fileName = 'file.bin',
  declaredType = 'application/octet-stream',
) {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: declaredType }), fileName);
  return client.request('/api/attachments', { method: 'POST', body: form });
}

async function uploaded(client: TestClient, bytes: Uint8Array<ArrayBuffer>, fileName?: string): Promise<Attachment> {
  const response = await upload(client, bytes, fileName);
  const body = await response.json();
  expect({ status: response.status, body }).toMatchObject({ status: 201 });
  return body as Attachment;
}

const read = (client: TestClient, id: string) => client.request(`/api/attachments/${id}`);
const remove = (client: TestClient, id: string) => client.request(`/api/attachments/${id}`, { method: 'DELETE' });
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const storedAt = (hash: string) => join(dir, hash.slice(0, 2), hash);
const tempFiles = async () => readdir(join(dir, 'tmp')).catch(() => []);
const exists = (path: string) =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** A report filed by the user on a new release of a program without terms, made in the database. */
async function fileReport(reporterId: string, options: { enrol?: boolean } = {}) {
  const program = await createProgram(server, { terms: null });
  const release = await createRelease(server, program.id);
  if (options.enrol !== false) await enrol(reporterId, release.id);
  const report = await server.prisma.report.create({
    data: {
      programId: program.id,
      releaseId: release.id,
      reporterId,
      source: 'customer',
      title: 'Sync fails',
      steps: '1. Sync',
      expected: 'It syncs',
      actual: 'It fails',
      severity: 'major',
      environment: {},
    },
    select: { id: true, releaseId: true, programId: true },
  });
  return report;
}

async function enrol(userId: string, releaseId: string, status: 'active' | 'removed' = 'active') {
  return server.prisma.enrolment.create({
    data: { releaseId, userId, email: `${userId}@example.test`, name: 'N', company: 'C', status, source: 'invitation' },
    select: { id: true },
  });
}

async function attach(attachmentId: string, reportId: string) {
  await server.prisma.attachment.update({ where: { id: attachmentId }, data: { reportId } });
}

describe('the type comes from the content', () => {
  it.each([
    ['a PNG', png, 'image/png'],
    ['a JPEG', jpeg, 'image/jpeg'],
    ['a GIF', gif, 'image/gif'],
    ['a WebP', webp, 'image/webp'],
    ['an MP4', mp4, 'video/mp4'],
    ['a QuickTime movie', quicktime, 'video/quicktime'],
    ['a WebM', webm, 'video/webm'],
    ['a UTF-8 log', log, 'text/plain; charset=utf-8'],
  ])('stores %s with the type its bytes announce', async (_, bytes, contentType) => {
    const { client } = await signedInClient(server, 'mvp');
    const attachment = await uploaded(client, bytes, 'upload');
    expect(attachment).toEqual({
      id: expect.any(String),
      fileName: 'upload',
      contentType,
      size: bytes.byteLength,
      sha256: sha256(bytes),
    });
  });

  it('takes a PNG named x.txt and declared as text for an image', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const response = await upload(client, png, 'x.txt', 'text/plain');
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ fileName: 'x.txt', contentType: 'image/png' });
  });

  it.each([
    ['a PDF named x.png', bytesOf('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3])],
    ['a ZIP archive named log.txt', bytesOf('PK', [3, 4, 20, 0, 0, 0, 8, 0])],
    ['a Matroska video named clip.webm', ebml('matroska')],
    ['UTF-16 text named log.txt', bytesOf([0xff, 0xfe], 'h', [0], 'i', [0])],
  ])('refuses %s with 415 naming the file field', async (name, bytes) => {
    const { client } = await signedInClient(server, 'mvp');
    const response = await upload(client, bytes, name.split(' ').at(-1), 'image/png');
    expect(response.status).toBe(415);
    expect((await readProblem(response)).errors).toEqual([{ field: 'file', message: expect.any(String) }]);
  });

  it('refuses text that stops being UTF-8 past its beginning, and keeps nothing of it', async () => {
    const { client, user } = await signedInClient(server, 'mvp');
    const content = padded(utf8('line\n'), 64 * 1024, 0x61);
    content[content.length - 1] = 0xff;
    const response = await upload(client, content, 'long.log', 'text/plain');
    expect(response.status).toBe(415);
    expect(await tempFiles()).toEqual([]);
    expect(await exists(storedAt(sha256(content)))).toBe(false);
    expect(await server.prisma.attachment.count({ where: { uploaderId: user.id } })).toBe(0);
  });

  // Design decision: HTML is valid UTF-8 text, and logs quote HTML often enough; it is stored as
  // text/plain and served as a download with nosniff and a sandbox CSP, so it never renders.
  it('stores HTML named x.png as plain text and serves it only as a download', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const html = utf8('<!doctype html><html><script>alert(document.cookie)</script></html>');
    const attachment = await uploaded(client, html, 'x.png');
    expect(attachment.contentType).toBe('text/plain; charset=utf-8');
    const response = await read(client, attachment.id);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''x.png");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe('sandbox');
  });

  it('answers 415 naming the file field to a body that is not multipart/form-data', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const response = await client.json('POST', '/api/attachments', { file: 'iVBORw0KGgo=' });
    expect(response.status).toBe(415);
    expect((await readProblem(response)).errors).toEqual([{ field: 'file', message: expect.any(String) }]);
  });

  it('answers 400 naming the file field to a form without a file, with two, or with an empty one', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const withoutFile = new FormData();
    withoutFile.append('name', 'x.png');
    const twoFiles = new FormData();
    twoFiles.append('file', new Blob([png]), 'a.png');
    twoFiles.append('file', new Blob([gif]), 'b.gif');
    const emptyFile = new FormData();
    emptyFile.append('file', new Blob([]), 'empty.log');
    for (const body of [withoutFile, twoFiles, emptyFile]) {
      const response = await client.request('/api/attachments', { method: 'POST', body });
      expect(response.status).toBe(400);
      expect((await readProblem(response)).errors).toEqual([{ field: 'file', message: expect.any(String) }]);
    }
  });
});

describe('size limits by kind', () => {
  it('takes an image of exactly 10 MiB and refuses one byte more with 413 naming the file field', async () => {
    const { client } = await signedInClient(server, 'internal_tester');
    expect((await upload(client, padded(png, 10 * mebibyte), 'big.png')).status).toBe(201);
    const response = await upload(client, padded(png, 10 * mebibyte + 1), 'bigger.png');
    expect(response.status).toBe(413);
    const problem = await readProblem(response);
    expect(problem.detail).toMatch(/10 MiB/);
    expect(problem.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
  });

  it('refuses a text log over 5 MiB with 413 naming the file field', async () => {
    const { client } = await signedInClient(server, 'mvp');
    expect((await upload(client, padded(log, 5 * mebibyte, 0x61), 'ok.log')).status).toBe(201);
    const response = await upload(client, padded(log, 5 * mebibyte + 1, 0x61), 'huge.log');
    expect(response.status).toBe(413);
    expect((await readProblem(response)).errors).toEqual([{ field: 'file', message: expect.any(String) }]);
  });

  it('takes a video larger than an image may be, and refuses one over 25 MiB', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const video = await uploaded(client, padded(mp4, 12 * mebibyte), 'clip.mp4');
    expect(video).toMatchObject({ contentType: 'video/mp4', size: 12 * mebibyte });
    const response = await upload(client, padded(mp4, 25 * mebibyte + 1), 'long.mp4');
    expect(response.status).toBe(413);
    await readProblem(response);
  });
});

describe('file names', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\Desktop\\crash.log', 'crash.log'],
    ['bell\u0007and\u0000nul\ttab.log', 'bellandnultab.log'],
    ['invoice\u202Egnp.exe', 'invoicegnp.exe'],
    ['..', 'attachment'],
    [`${'x'.repeat(300)}.log`, `${'x'.repeat(196)}.log`],
  ])('stores %j as %j', async (fileName, stored) => {
    const { client } = await signedInClient(server, 'mvp');
    expect((await uploaded(client, log, fileName)).fileName).toBe(stored);
  });
});

describe('storage', () => {
  it('writes the file at its content address, whole, and leaves no temporary file', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const bytes = padded(png, 300 * 1024, 7);
    const attachment = await uploaded(client, bytes, 'shot.png');
    expect(attachment.sha256).toBe(sha256(bytes));
    expect(new Uint8Array(await readFile(storedAt(attachment.sha256)))).toEqual(bytes);
    expect(await tempFiles()).toEqual([]);
  });

  it('keeps one file for the same content uploaded twice, with a row for each upload', async () => {
    const first = await signedInClient(server, 'mvp');
    const second = await signedInClient(server, 'engineer');
    const bytes = utf8(`same content ${Math.random()}\n`);
    const a = await uploaded(first.client, bytes, 'a.log');
    const b = await uploaded(second.client, bytes, 'b.log');
    expect(a.id).not.toBe(b.id);
    expect(a.sha256).toBe(b.sha256);
    // Other tests' files may share the two-character folder: only this content's names count.
    const named = (await readdir(join(dir, a.sha256.slice(0, 2)))).filter((name) => name.startsWith(a.sha256));
    expect(named).toEqual([a.sha256]);
    expect(await server.prisma.attachment.count({ where: { sha256: a.sha256 } })).toBe(2);
    expect(await tempFiles()).toEqual([]);
  });
});

describe('the upload quota over 24 hours', () => {
  const hour = 3_600_000;

  /** Uploads of the user's as stored rows, `hoursAgo` old (their files do not matter to the quota). */
  async function earlierUploads(uploaderId: string, rows: { size: number; hoursAgo: number }[]) {
    await server.prisma.attachment.createMany({
      data: rows.map(({ size, hoursAgo }, index) => ({
        uploaderId,
        sha256: sha256(utf8(`earlier ${uploaderId} ${index}`)),
        size,
        contentType: 'text/plain; charset=utf-8',
        fileName: `earlier-${index}.log`,
        createdAt: new Date(Date.now() - hoursAgo * hour),
      })),
    });
  }

  it('counts files attached to a report, so filing gives no room back', async () => {
    const { client, user } = await signedInClient(server, 'mvp');
    await earlierUploads(
      user.id,
      Array.from({ length: uploadQuota.files - 1 }, (_, index) => ({ size: 100, hoursAgo: index === 0 ? 20 : 1 })),
    );
    await uploaded(client, utf8('the last one that fits\n'), 'a.log');
    const report = await fileReport(user.id);
    await server.prisma.attachment.updateMany({ where: { uploaderId: user.id }, data: { reportId: report.id } });

    const refused = await upload(client, utf8('one more\n'), 'b.log');
    expect(refused.status).toBe(429);
    // The oldest upload leaves the window in 4 hours.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(4 * 3600 - 60);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(4 * 3600);
    const problem = await readProblem(refused);
    expect(problem.detail).toMatch(/in about 4 hours/);
    expect(problem.errors).toEqual([{ field: 'file', message: expect.any(String) }]);
  });

  it('forgets uploads older than 24 hours, and uploads removed before filing', async () => {
    const { client, user } = await signedInClient(server, 'mvp');
    await earlierUploads(user.id, [
      ...Array.from({ length: uploadQuota.files }, () => ({ size: 100, hoursAgo: 25 })),
      ...Array.from({ length: uploadQuota.files - 1 }, () => ({ size: 100, hoursAgo: 2 })),
    ]);
    const fits = await uploaded(client, utf8('fits\n'), 'a.log');
    expect((await upload(client, utf8('too many\n'), 'b.log')).status).toBe(429);
    expect((await remove(client, fits.id)).status).toBe(204);
    expect((await upload(client, utf8('fits again\n'), 'c.log')).status).toBe(201);
  });

  it('refuses a file that would pass the byte budget, and says how much still fits', async () => {
    const { client, user } = await signedInClient(server, 'internal_tester');
    const almost = uploadQuota.bytes - 4 * mebibyte;
    await earlierUploads(user.id, [
      { size: 20 * mebibyte, hoursAgo: 23 },
      { size: almost - 20 * mebibyte, hoursAgo: 1 },
    ]);
    const refused = await upload(client, padded(png, 5 * mebibyte), 'big.png');
    expect(refused.status).toBe(429);
    // Room comes back when the 20 MiB upload leaves the window, in an hour.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3600 - 60);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    expect((await readProblem(refused)).detail).toMatch(/at most 4 MiB/);
    expect((await upload(client, padded(png, 4 * mebibyte), 'fits.png')).status).toBe(201);
  });

  it('is not outrun by parallel uploads', async () => {
    const { client, user } = await signedInClient(server, 'internal_tester');
    await earlierUploads(
      user.id,
      Array.from({ length: uploadQuota.files - 4 }, () => ({ size: 100, hoursAgo: 1 })),
    );
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, index) => upload(client, utf8(`parallel ${index}\n`), 'p.log')),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(4);
    expect(statuses.filter((status) => status === 429)).toHaveLength(6);
    expect(await server.prisma.attachment.count({ where: { uploaderId: user.id } })).toBe(uploadQuota.files);
  });
});

describe('who may read an attachment', () => {
  it('serves an unattached upload, byte for byte, to its uploader only', async () => {
    const uploader = await signedInClient(server, 'mvp');
    const otherMvp = await signedInClient(server, 'mvp');
    const lead = await signedInClient(server, 'admin');
    const attachment = await uploaded(uploader.client, jpeg, 'photo.jpg');

    const response = await read(uploader.client, attachment.id);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(jpeg);
    expect((await read(otherMvp.client, attachment.id)).status).toBe(404);
    expect((await read(lead.client, attachment.id)).status).toBe(404);
    expect((await read(server.client(), attachment.id)).status).toBe(401);
  });

  it("serves a report's file to staff and its reporter, and 404 to a co-finder and another customer", async () => {
    const reporter = await signedInClient(server, 'mvp');
    const coFinder = await signedInClient(server, 'mvp');
    const otherMvp = await signedInClient(server, 'mvp');
    const engineer = await signedInClient(server, 'engineer');
    const attachment = await uploaded(reporter.client, png, 'shot.png');
    const report = await fileReport(reporter.user.id);
    await server.addToPrograms(engineer.user.id, [report.programId]);
    const engineerElsewhere = await signedInClient(server, 'engineer');
    await attach(attachment.id, report.id);
    await enrol(coFinder.user.id, report.releaseId);
    await enrol(otherMvp.user.id, report.releaseId);
    await server.prisma.reportFinder.create({
      data: { reportId: report.id, userId: coFinder.user.id, source: 'customer', environment: {}, note: 'Me too' },
    });

    for (const client of [engineer.client, reporter.client])
      expect((await read(client, attachment.id)).status).toBe(200);
    // A customer reads in full only what they wrote: the reporter's log may hold their secrets.
    // Nor does staff of another program (here, of none) read it.
    for (const client of [coFinder.client, otherMvp.client, engineerElsewhere.client]) {
      const refused = await read(client, attachment.id);
      expect(refused.status).toBe(404);
      expect((await readProblem(refused)).detail).toBe('No such attachment.');
    }
  });

  it('stops serving a reporter removed from the release', async () => {
    const reporter = await signedInClient(server, 'mvp');
    const attachment = await uploaded(reporter.client, gif, 'anim.gif');
    const report = await fileReport(reporter.user.id, { enrol: false });
    await enrol(reporter.user.id, report.releaseId, 'removed');
    await attach(attachment.id, report.id);
    expect((await read(reporter.client, attachment.id)).status).toBe(404);
  });

  it('answers 404 for an id that names no attachment, and 400 for one that is not an id', async () => {
    const { client } = await signedInClient(server, 'mvp');
    expect((await read(client, '01900000-0000-7000-8000-000000000000')).status).toBe(404);
    const response = await read(client, 'nope');
    expect(response.status).toBe(400);
    expect((await readProblem(response)).errors).toEqual([{ field: 'id', message: 'Not an attachment id' }]);
  });
});

describe('response headers', () => {
  it('serves an image inline with its type, length, nosniff, a sandbox CSP and private caching', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const attachment = await uploaded(client, webp, 'Bildschirmfoto 1.webp');
    const response = await read(client, attachment.id);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/webp',
      'content-length': String(webp.byteLength),
      'content-disposition': "inline; filename*=UTF-8''Bildschirmfoto%201.webp",
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
      'cache-control': 'private, max-age=3600',
    });
  });

  it('serves videos and logs as downloads, the name encoded as UTF-8', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const video = await uploaded(client, webm, 'clip.webm');
    const text = await uploaded(client, log, 'Größe "1" (final).log');

    const videoResponse = await read(client, video.id);
    expect(videoResponse.headers.get('content-type')).toBe('video/webm');
    expect(videoResponse.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''clip.webm");
    const textResponse = await read(client, text.id);
    expect(textResponse.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(textResponse.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''Gr%C3%B6%C3%9Fe%20%221%22%20%28final%29.log",
    );
    expect(textResponse.headers.get('content-security-policy')).toBe('sandbox');
    expect(new Uint8Array(await textResponse.arrayBuffer())).toEqual(log);
  });

  it('answers HEAD with the headers and no body', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const attachment = await uploaded(client, quicktime, 'clip.mov');
    const response = await client.request(`/api/attachments/${attachment.id}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/quicktime');
    expect(response.headers.get('content-length')).toBe(String(quicktime.byteLength));
    expect(await response.text()).toBe('');
  });
});

describe('deleting', () => {
  it('lets the uploader delete an unattached upload, with its file', async () => {
    const { client } = await signedInClient(server, 'mvp');
    const bytes = utf8(`delete me ${Math.random()}\n`);
    const attachment = await uploaded(client, bytes, 'gone.log');
    expect((await remove(client, attachment.id)).status).toBe(204);
    expect((await read(client, attachment.id)).status).toBe(404);
    expect(await exists(storedAt(attachment.sha256))).toBe(false);
  });

  it('keeps the file while another upload has the same content', async () => {
    const first = await signedInClient(server, 'mvp');
    const second = await signedInClient(server, 'mvp');
    const bytes = utf8(`shared ${Math.random()}\n`);
    const a = await uploaded(first.client, bytes, 'a.log');
    const b = await uploaded(second.client, bytes, 'b.log');
    expect((await remove(first.client, a.id)).status).toBe(204);
    expect(await exists(storedAt(b.sha256))).toBe(true);
    expect(new Uint8Array(await (await read(second.client, b.id)).arrayBuffer())).toEqual(bytes);
    expect((await remove(second.client, b.id)).status).toBe(204);
    expect(await exists(storedAt(b.sha256))).toBe(false);
  });

  it("answers 404 to anyone else's delete, and 409 once the file belongs to a report", async () => {
    const uploader = await signedInClient(server, 'mvp');
    const otherMvp = await signedInClient(server, 'mvp');
    const lead = await signedInClient(server, 'admin');
    const attachment = await uploaded(uploader.client, png, 'shot.png');
    expect((await remove(otherMvp.client, attachment.id)).status).toBe(404);
    expect((await remove(lead.client, attachment.id)).status).toBe(404);

    await attach(attachment.id, (await fileReport(uploader.user.id)).id);
    const response = await remove(uploader.client, attachment.id);
    expect(response.status).toBe(409);
    await readProblem(response);
    expect((await remove(lead.client, attachment.id)).status).toBe(409);
    expect((await read(uploader.client, attachment.id)).status).toBe(200);
  });
});
