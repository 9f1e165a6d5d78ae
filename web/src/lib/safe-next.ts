/** Only a path on this site, so a crafted `?next=//elsewhere.example` cannot send people away. */
export function safeNextPath(next: string | null): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}
