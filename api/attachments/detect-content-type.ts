import type { AttachmentContentType } from './attachments.schemas.ts';

// What an uploaded file is, read from its bytes: never from its name or the type the client declared.
// Markup (HTML, SVG) is valid text and counts as a text log: it is stored as text/plain and served
// as a download with nosniff and a sandbox CSP, so it never renders as a page of this origin.

export type AttachmentKind = 'image' | 'video' | 'text';
export type DetectedType = { kind: AttachmentKind; contentType: AttachmentContentType };

export const textContentType = 'text/plain; charset=utf-8';

/** Bytes of the file's beginning that `sniffBinaryType` needs to see. */
export const sniffLength = 4096;

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const jpeg = [0xff, 0xd8, 0xff];
const gif87 = ascii('GIF87a');
const gif89 = ascii('GIF89a');
const riff = ascii('RIFF');
const webp = ascii('WEBP');
const ftyp = ascii('ftyp');
const ebml = [0x1a, 0x45, 0xdf, 0xa3];
const ebmlDocType = [0x42, 0x82];

// ISO base media files whose major brand says they are still images or audio, not video.
const notVideoBrands = new Set([
  'heic',
  'heix',
  'heim',
  'heis',
  'hevc',
  'hevx',
  'mif1',
  'msf1',
  'avif',
  'avis',
  'M4A ',
  'M4B ',
  'M4P ',
  'F4A ',
  'F4B ',
  'crx ',
]);

function isoMediaType(head: Uint8Array): DetectedType | null {
  // An ISO base media file (MP4, QuickTime) opens with its `ftyp` box: size, "ftyp", major brand.
  if (!startsWith(head, ftyp, 4) || head.length < 12) return null;
  const brand = String.fromCharCode(...head.subarray(8, 12));
  if (notVideoBrands.has(brand)) return null;
  return { kind: 'video', contentType: brand === 'qt  ' ? 'video/quicktime' : 'video/mp4' };
}

function webmType(head: Uint8Array): DetectedType | null {
  // Matroska and WebM share the EBML header; its DocType element says which one this is.
  if (!startsWith(head, ebml)) return null;
  for (let index = ebml.length; index < head.length - 2; index += 1) {
    if (!startsWith(head, ebmlDocType, index)) continue;
    const size = head[index + 2]!;
    // The DocType's length is a one-byte EBML variable-size integer (0x80 | length) in practice.
    if ((size & 0x80) === 0) continue;
    const docType = String.fromCharCode(...head.subarray(index + 3, index + 3 + (size & 0x7f)));
    return docType === 'webm' ? { kind: 'video', contentType: 'video/webm' } : null;
  }
  return null;
}

/** The image or video type that the file's first bytes announce; null when they announce none of ours. */
export function sniffBinaryType(head: Uint8Array): DetectedType | null {
  if (startsWith(head, png)) return { kind: 'image', contentType: 'image/png' };
  if (startsWith(head, jpeg)) return { kind: 'image', contentType: 'image/jpeg' };
  if (startsWith(head, gif87) || startsWith(head, gif89)) return { kind: 'image', contentType: 'image/gif' };
  if (startsWith(head, riff) && startsWith(head, webp, 8)) return { kind: 'image', contentType: 'image/webp' };
  return isoMediaType(head) ?? webmType(head);
}

/**
 * Checks text fed in chunks: valid UTF-8 with no NUL byte (text logs have none; binary formats
 * nearly always do). `end` says whether everything fed was such text.
 */
export function createTextCheck() {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  return {
    push(chunk: Uint8Array): boolean {
      if (!valid) return false;
      try {
        // In valid UTF-8 a NUL character can only be the byte 0 itself.
        valid = !chunk.includes(0);
        if (valid) decoder.decode(chunk, { stream: true });
      } catch {
        valid = false;
      }
      return valid;
    },
    end(): boolean {
      if (!valid) return false;
      try {
        decoder.decode();
      } catch {
        valid = false;
      }
      return valid;
    },
  };
}

/** The type of a whole file held in memory: an image or video by signature, else UTF-8 text, else null. */
export function detectContentType(bytes: Uint8Array): DetectedType | null {
  const binary = sniffBinaryType(bytes.subarray(0, sniffLength));
  if (binary) return binary;
  const text = createTextCheck();
  return text.push(bytes) && text.end() ? { kind: 'text', contentType: textContentType } : null;
}
