// RFC 5987 encoding: percent-encode everything but attr-char, which excludes ' ( ) * too.
const encodeExtValue = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * Images open in the browser; everything else (videos, logs) is downloaded, never rendered as a
 * page of this origin. The name travels UTF-8 encoded, so no character of it can break the header.
 */
export function contentDisposition(options: { inline: boolean; fileName: string }): string {
  return `${options.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeExtValue(options.fileName)}`;
}
