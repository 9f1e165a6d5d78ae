const maxLength = 200;
// Control characters, and the bidirectional marks that make "gpj.exe" read as "exe.jpg".
const unsafeCharacters = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * A file name fit to store and to offer back in Content-Disposition: the last path segment only,
 * without control or bidi characters, at most 200 characters (keeping a short extension).
 */
export function sanitizeFileName(name: string): string {
  const base = name.normalize('NFC').split(/[/\\]/).at(-1) ?? '';
  const cleaned = base.replace(unsafeCharacters, '').trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return 'attachment';
  const characters = Array.from(cleaned);
  if (characters.length <= maxLength) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  const kept = extension.length > 0 && extension.length <= 16 ? extension : [];
  return [...characters.slice(0, maxLength - kept.length), ...kept].join('');
}
