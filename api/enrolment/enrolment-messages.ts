import type { OutgoingMessage } from '../lib/queue-message.ts';

// The e-mails that enrolment sends, as plain text.

type ReleaseForMessage = {
  version: string;
  build: string;
  testStart: Date;
  testEnd: Date;
  focusAreas: string[];
  program: { name: string; product: string };
};

const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

const dayAndTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
});

function testWindow(release: ReleaseForMessage): string {
  return `${day.format(release.testStart)} to ${day.format(release.testEnd)}`;
}

export function invitationMessage(options: {
  to: string;
  name: string;
  release: ReleaseForMessage;
  url: string;
  expiresAt: Date;
}): OutgoingMessage {
  const { release } = options;
  const { name: programName, product } = release.program;
  return {
    to: options.to,
    kind: 'invitation',
    subject: `You are invited to test ${product} ${release.version}`,
    text: [
      `Hello ${options.name},`,
      '',
      `${programName} invites you to test ${product} ${release.version} (build ${release.build}) before it ships.`,
      `Test window: ${testWindow(release)}.`,
      ...(release.focusAreas.length
        ? ['', 'Where your eyes help most:', ...release.focusAreas.map((area) => `- ${area}`)]
        : []),
      '',
      'Accept the invitation here:',
      options.url,
      '',
      `The link works once, until ${day.format(options.expiresAt)}. If you did not expect this invitation, ignore it.`,
    ].join('\n'),
  };
}

/**
 * Asks whoever reads the mailbox to confirm an application made with its address. Anyone can type any
 * address into the join form, so this e-mail carries nothing the applicant typed (not even a name):
 * only the program's own words and the link.
 */
export function joinConfirmationMessage(options: {
  to: string;
  release: ReleaseForMessage;
  url: string;
  expiresAt: Date;
}): OutgoingMessage {
  const { release } = options;
  const { name: programName, product } = release.program;
  return {
    to: options.to,
    kind: 'join-confirmation',
    subject: `Confirm your application to test ${product} ${release.version}`,
    text: [
      `Someone applied to ${programName} to test ${product} ${release.version} with this e-mail address.`,
      `Test window: ${testWindow(release)}.`,
      '',
      'If it was you, confirm your application here; the program lead sees it only then:',
      options.url,
      '',
      `The link works once, until ${dayAndTime.format(options.expiresAt)} (UTC). If you did not apply, ignore this ` +
        'e-mail: nothing happens without the link.',
    ].join('\n'),
  };
}

export function applicationReceivedMessage(options: {
  to: string;
  name: string;
  release: ReleaseForMessage;
}): OutgoingMessage {
  const { release } = options;
  const { name: programName, product } = release.program;
  return {
    to: options.to,
    kind: 'application-received',
    subject: `We received your application to test ${product} ${release.version}`,
    text: [
      `Hello ${options.name},`,
      '',
      `Thank you for applying to ${programName} to test ${product} ${release.version}.`,
      `Test window: ${testWindow(release)}.`,
      '',
      'The program lead will look at your application. If you are in, you will get an e-mail with a link ' +
        'to accept your place; either way, we will let you know.',
    ].join('\n'),
  };
}

export function applicationDeclinedMessage(options: {
  to: string;
  name: string;
  release: ReleaseForMessage;
}): OutgoingMessage {
  const { release } = options;
  const { name: programName, product } = release.program;
  return {
    to: options.to,
    kind: 'application-declined',
    subject: `Your application to test ${product} ${release.version}`,
    text: [
      `Hello ${options.name},`,
      '',
      `Thank you for offering to test ${product} ${release.version} with ${programName}.`,
      'We cannot include you in this release, whose testers are now chosen. This is no judgement of you: ' +
        'places are few, and we would be glad to hear from you again for a later release.',
      '',
      'Thank you for caring about what we build.',
    ].join('\n'),
  };
}
