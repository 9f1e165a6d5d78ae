import type { OutgoingMessage } from '../lib/queue-message.ts';

/**
 * The password-reset e-mail. Anyone can type any address into the form, so it carries nothing the
 * requester typed besides the address itself: only the link and what to do if it was not them.
 */
export function passwordResetMessage(options: { to: string; url: string; ttlMinutes: number }): OutgoingMessage {
  return {
    to: options.to,
    kind: 'password-reset',
    subject: 'Choose a new Fieldtest password',
    text: [
      'Someone asked for a link to choose a new password for the Fieldtest account with this e-mail address.',
      '',
      'If it was you, choose your new password here:',
      options.url,
      '',
      `The link works once, within ${options.ttlMinutes} minutes; choosing a password signs you out everywhere ` +
        'else. If you did not ask, ignore this e-mail: your password stays as it is.',
    ].join('\n'),
  };
}
