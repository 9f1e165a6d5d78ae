import type { OutgoingMessage } from '../lib/queue-message.ts';
import type { StaffMember } from './staff.schemas.ts';

const roleWords: Record<StaffMember['role'], string> = {
  admin: 'a program lead',
  engineer: 'an engineer',
  internal_tester: 'an internal tester',
};

/** The link to choose a password, e-mailed to a new staff member or with a new link an admin made. */
export function staffPasswordLinkMessage(options: {
  to: string;
  name: string;
  role: StaffMember['role'];
  url: string;
  ttlMinutes: number;
  occasion: 'new_account' | 'new_link';
}): OutgoingMessage {
  const days = Math.round(options.ttlMinutes / (24 * 60));
  const validity = `The link works once, within ${days} days`;
  return {
    to: options.to,
    kind: 'staff-password-link',
    subject:
      options.occasion === 'new_account' ? 'Your Fieldtest account' : 'A new link to choose your Fieldtest password',
    text: [
      `Hello ${options.name},`,
      '',
      options.occasion === 'new_account'
        ? `A program lead added you to Fieldtest as ${roleWords[options.role]}. Choose your password here to sign in:`
        : 'A program lead sent you a new link to choose your Fieldtest password:',
      options.url,
      '',
      options.occasion === 'new_account'
        ? `${validity}. If it runs out first, ask a program lead for a new one, or use "Forgot your password?" on the sign-in page.`
        : `${validity}; links sent to you before no longer work.`,
    ].join('\n'),
  };
}
