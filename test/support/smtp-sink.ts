// A real SMTP server on loopback for tests, run as its own process: it accepts every message and
// prints each as one JSON line ({ to, from, subject, text }) on stdout.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const port = Number(process.argv[2] ?? 0);
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
        process.stdout.write(`${JSON.stringify({ to, from, subject: mail.subject, text: mail.text })}\n`);
        callback();
      })
      .catch(callback);
  },
});
server.listen(port, '127.0.0.1', () => {
  const address = server.server.address();
  process.stdout.write(
    `${JSON.stringify({ listening: typeof address === 'object' && address ? address.port : port })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
