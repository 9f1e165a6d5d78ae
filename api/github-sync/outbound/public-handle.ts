/** How GitHub names staff: by their role, never by name (they may be anonymous to engineering's audience). */
const staffWords: Record<string, string> = {
  admin: 'a program lead',
  engineer: 'an engineer',
  internal_tester: 'an internal tester',
};

/** What GitHub may know of a Fieldtest person: an MVP's chosen handle; staff by their role only. */
export function publicHandle(person: { role: string; mvpProfile: { handle: string } | null } | null): string {
  if (person?.role === 'mvp') return person.mvpProfile?.handle ?? 'an MVP';
  return (person && staffWords[person.role]) ?? 'someone in Fieldtest';
}
