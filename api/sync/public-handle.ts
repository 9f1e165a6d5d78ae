/** What GitHub may know of a Fieldtest person: an MVP's chosen handle; staff stay anonymous. */
export function publicHandle(person: { role: string; mvpProfile: { handle: string } | null } | null): string {
  if (person?.role === 'mvp') return person.mvpProfile?.handle ?? 'an MVP';
  return 'an internal tester';
}
