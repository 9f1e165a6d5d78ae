// Small files of the kinds customers attach, built byte by byte, for the upload tests and the
// content-type detection's own tests.

/** Bytes from ASCII strings and byte values, in order. */
export function bytesOf(...parts: (string | number[])[]): Uint8Array<ArrayBuffer> {
  return new Uint8Array(
    parts.flatMap((part) => (typeof part === 'string' ? Array.from(part, (char) => char.charCodeAt(0)) : part)),
  );
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** An ISO media file's opening `ftyp` box (MP4, QuickTime) with the major brand given. */
export function ftypBox(brand: string): Uint8Array<ArrayBuffer> {
  return bytesOf([0, 0, 0, 0x18], 'ftyp', brand, [0, 0, 2, 0], brand, 'mp41');
}

/** A Matroska-family file's EBML header (WebM: `webm`) with the document type given. */
export function ebmlHeader(docType: string): Uint8Array<ArrayBuffer> {
  return bytesOf(
    [0x1a, 0x45, 0xdf, 0xa3, 0x80 | (23 + docType.length)],
    [0x42, 0x86, 0x81, 0x01],
    [0x42, 0xf7, 0x81, 0x01],
    [0x42, 0xf2, 0x81, 0x04],
    [0x42, 0xf3, 0x81, 0x08],
    [0x42, 0x82, 0x80 | docType.length],
    docType,
    [0x42, 0x87, 0x81, 0x02],
    [0x42, 0x85, 0x81, 0x02],
  );
}

// A 1×1 PNG.
const onePixel = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c60000000049454e44ae426082',
  'hex',
);

/** A 1×1 PNG with the tag after its end chunk, so every upload has its own content and hash. */
export function taggedPng(tag: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(Buffer.concat([onePixel, Buffer.from(tag)]));
}
