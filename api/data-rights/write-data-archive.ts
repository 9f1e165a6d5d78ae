import { Readable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { openStoredFile } from '../attachments/attachment-files.ts';
import type { AccountData } from './read-account-data.ts';

const chunkBytes = 64 * 1024;

/**
 * The archive as a stream: data.json, then each of the person's files read from disk a chunk at a
 * time. The stream is pulled, so at most one chunk of a file (and what the zip writer made of it)
 * is held, however large the files are. Media are stored as they are (already compressed); the
 * JSON is deflated. A file missing from the folder is listed in `missing.txt` rather than failing
 * the whole archive.
 */
export function dataArchiveStream(options: { dir: string; account: AccountData }): ReadableStream<Uint8Array> {
  return Readable.toWeb(Readable.from(archiveChunks(options))) as ReadableStream<Uint8Array>;
}

async function* archiveChunks(options: { dir: string; account: AccountData }): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const flush = function* () {
    if (failure) throw failure;
    while (out.length) yield out.shift()!;
  };

  const json = new ZipDeflate('data.json', { level: 6 });
  zip.add(json);
  json.push(new TextEncoder().encode(`${JSON.stringify(options.account.data, null, 2)}\n`), true);
  yield* flush();

  const missing: string[] = [];
  for (const file of options.account.files) {
    if (file.purged) continue;
    const stored = await openStoredFile(options.dir, file.sha256);
    if (!stored) {
      missing.push(file.path);
      continue;
    }
    const entry = new ZipPassThrough(file.path);
    zip.add(entry);
    try {
      const buffer = new Uint8Array(chunkBytes);
      for (;;) {
        const { bytesRead } = await stored.handle.read(buffer, 0, chunkBytes);
        if (bytesRead === 0) break;
        entry.push(buffer.slice(0, bytesRead));
        yield* flush();
      }
      entry.push(new Uint8Array(0), true);
      yield* flush();
    } finally {
      await stored.handle.close();
    }
  }
  if (missing.length) {
    const note = new ZipDeflate('missing.txt');
    zip.add(note);
    note.push(
      new TextEncoder().encode(`These files could not be read when the archive was made:\n${missing.join('\n')}\n`),
      true,
    );
  }
  zip.end();
  yield* flush();
}

/** `fieldtest-data-2026-12-06.zip`: the day the archive was made, in UTC. */
export function archiveFileName(now = new Date()): string {
  return `fieldtest-data-${now.toISOString().slice(0, 10)}.zip`;
}
