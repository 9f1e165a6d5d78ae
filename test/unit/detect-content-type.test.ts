import { describe, expect, it } from 'vitest';
import { attachmentContentTypes } from '../../api/attachments/attachments.schemas.ts';
import { createTextCheck, detectContentType, sniffBinaryType } from '../../api/attachments/detect-content-type.ts';
import { bytesOf, ebmlHeader, ftypBox, utf8 } from '../support/sample-files.ts';

describe('detectContentType', () => {
  it.each([
    ['PNG', bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR'), 'image/png'],
    ['JPEG', bytesOf([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg'],
    ['GIF87a', bytesOf('GIF87a', [1, 0, 1, 0]), 'image/gif'],
    ['GIF89a', bytesOf('GIF89a', [1, 0, 1, 0]), 'image/gif'],
    ['WebP', bytesOf('RIFF', [0x1a, 0, 0, 0], 'WEBPVP8L'), 'image/webp'],
    ['MP4', ftypBox('isom'), 'video/mp4'],
    ['MP4 (mp42)', ftypBox('mp42'), 'video/mp4'],
    ['QuickTime', ftypBox('qt  '), 'video/quicktime'],
    ['WebM', ebmlHeader('webm'), 'video/webm'],
    ['plain text', utf8('2026-03-02 10:00:01 ERROR sync failed\n'), 'text/plain; charset=utf-8'],
    ['UTF-8 text beyond ASCII', utf8('Größe: 3 €, 日本語, 🐛\n'), 'text/plain; charset=utf-8'],
    ['HTML, which is text too', utf8('<html><script>alert(1)</script></html>'), 'text/plain; charset=utf-8'],
  ])('reads %s from its bytes', (_, content, contentType) => {
    expect(detectContentType(content)?.contentType).toBe(contentType);
  });

  it('sorts what it reads into images, videos and text', () => {
    expect(detectContentType(bytesOf('GIF89a'))?.kind).toBe('image');
    expect(detectContentType(ftypBox('isom'))?.kind).toBe('video');
    expect(detectContentType(utf8('log line'))?.kind).toBe('text');
  });

  it.each([
    ['a PDF', bytesOf('%PDF-1.7\n%', [0xe2, 0xe3, 0xcf, 0xd3])],
    ['a ZIP archive', bytesOf('PK', [3, 4, 20, 0, 0, 0])],
    ['an ELF executable', bytesOf([0x7f], 'ELF', [2, 1, 1, 0, 0, 0])],
    ['Matroska, which shares WebM\u2019s header', ebmlHeader('matroska')],
    ['a HEIC photo in an ftyp box', ftypBox('heic')],
    ['an AVIF image in an ftyp box', ftypBox('avif')],
    ['audio in an ftyp box', ftypBox('M4A ')],
    ['UTF-16 text', bytesOf([0xff, 0xfe], 'h', [0], 'i', [0])],
    ['text with a NUL byte', bytesOf('abc', [0], 'def')],
    ['Latin-1 text', bytesOf('caf', [0xe9])],
    ['text cut inside a UTF-8 character', utf8('€').subarray(0, 2)],
  ])('recognises nothing in %s', (_, content) => {
    expect(detectContentType(content)).toBeNull();
  });

  it('never names a type that attachments cannot have', () => {
    const samples = [bytesOf('GIF89a'), ftypBox('qt  '), ebmlHeader('webm'), utf8('x')];
    for (const sample of samples) expect(attachmentContentTypes).toContain(detectContentType(sample)?.contentType);
  });

  it('takes neither a truncated PNG signature nor a RIFF file other than WebP for an image', () => {
    expect(sniffBinaryType(bytesOf([0x89], 'PN'))).toBeNull();
    expect(sniffBinaryType(bytesOf('RIFF', [0, 0, 0, 0], 'WAVE'))).toBeNull();
  });
});

describe('createTextCheck', () => {
  it('accepts a character split across chunks', () => {
    const euro = utf8('a€b');
    const check = createTextCheck();
    expect(check.push(euro.subarray(0, 2))).toBe(true);
    expect(check.push(euro.subarray(2))).toBe(true);
    expect(check.end()).toBe(true);
  });

  it('refuses text that ends inside a character', () => {
    const check = createTextCheck();
    expect(check.push(utf8('a€').subarray(0, 2))).toBe(true);
    expect(check.end()).toBe(false);
  });

  it('stays refused once a chunk was not text', () => {
    const check = createTextCheck();
    expect(check.push(bytesOf([0xc0, 0x80]))).toBe(false);
    expect(check.push(utf8('fine'))).toBe(false);
    expect(check.end()).toBe(false);
  });
});
