// A real SMTP server on 127.0.0.1 (smtp-server, random port) for tests of the bank's mail sender: it keeps every
// message it accepted, counts the deliveries it refused, and can be told to refuse with a given reply (e.g. 451).
// Plain SMTP without STARTTLS or AUTH: the client under test is real nodemailer, only the network stays local.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type ReceivedMail = {
  readonly from: string;
  readonly to: readonly string[];
  /** The message as it came over the wire (headers + body, CRLF line ends). */
  readonly raw: string;
};

export type Refusal = { readonly code: number; readonly message: string };

export type LocalSmtpServer = {
  /** smtp://127.0.0.1:<port> */
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Deliveries refused (at DATA) so far. */
  refusedCount(): number;
  /** Refuse every following message with this reply, or accept again (null). */
  refuseWith(refusal: Refusal | null): void;
  /**
   * Holds the next message at the end of DATA, before the server answers: `reached` resolves once the message is
   * there (the client is mid-send), `release()` lets the server answer.
   */
  holdNextMessage(): { readonly reached: Promise<void>; release(): void };
  close(): Promise<void>;
};

const MESSAGE_BYTES_MAX = 1024 * 1024;

export async function startLocalSmtpServer(): Promise<LocalSmtpServer> {
  const received: ReceivedMail[] = [];
  let refusal: Refusal | null = null;
  let refused = 0;
  let hold: { arrived: () => void; released: Promise<void> } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: MESSAGE_BYTES_MAX,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', async () => {
        const held = hold;
        hold = null;
        if (held) {
          held.arrived();
          await held.released;
        }
        if (refusal) {
          refused += 1;
          callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          return;
        }
        const mailFrom = session.envelope.mailFrom;
        received.push({
          from: mailFrom === false ? '' : mailFrom.address,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refusedCount: () => refused,
    refuseWith(next) {
      refusal = next;
    },
    holdNextMessage() {
      let arrived = () => {};
      let release = () => {};
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      hold = { arrived, released };
      return { reached, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The body of a plain-text message, with quoted-printable soft line breaks undone (7bit bodies pass unchanged). */
export function bodyOf(mail: ReceivedMail): string {
  const separator = mail.raw.indexOf('\r\n\r\n');
  return (separator < 0 ? '' : mail.raw.slice(separator + 4)).replace(/=\r\n/g, '');
}

/** The value of a header of the message (first occurrence, unfolded), or null. */
export function headerOf(mail: ReceivedMail, name: string): string | null {
  const head = mail.raw.split('\r\n\r\n', 1)[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  const line = unfolded.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? null : line.slice(name.length + 1).trim();
}
