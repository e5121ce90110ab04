// A minimal SMTP client for the tests: one message, one dialogue (EHLO, MAIL, RCPT..., DATA), no extensions.
// Enough to hand Postfix a mail as a salesperson's client would; the raw message is sent as given.
import net from 'node:net';

export interface Envelope {
  from: string;
  to: string[];
}

/** Sends `raw` (RFC 5322 text, CRLF or LF line ends) to an SMTP server; resolves with the queue id reply. */
export function sendMail(port: number, envelope: Envelope, raw: string, host = '127.0.0.1'): Promise<string> {
  const body = raw
    .replace(/\r?\n/g, '\r\n')
    .split('\r\n')
    .map((line) => (line.startsWith('.') ? `.${line}` : line)) // dot-stuffing
    .join('\r\n');
  const commands = [
    'EHLO client.test',
    `MAIL FROM:<${envelope.from}>`,
    ...envelope.to.map((r) => `RCPT TO:<${r}>`),
    'DATA',
    `${body}${body.endsWith('\r\n') ? '' : '\r\n'}.`,
    'QUIT',
  ];
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(10_000, () => socket.destroy(new Error('SMTP timeout')));
    let buffer = '';
    let step = -1; // -1: waiting for the greeting
    let queued = '';
    const dataStep = 2 + envelope.to.length;
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      // A reply is complete at a line "NNN text" (a "NNN-" line continues it).
      for (;;) {
        const m = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer);
        if (!m) return;
        const reply = buffer.slice(0, m.index + m[0].length);
        buffer = buffer.slice(m.index + m[0].length);
        const code = Number(m[1]);
        const ok = step === dataStep ? code === 354 : code < 400;
        if (!ok) {
          socket.destroy();
          return reject(new Error(`SMTP refused "${commands[step] ?? 'greeting'}": ${reply.trim()}`));
        }
        if (step === dataStep + 1) queued = reply.trim();
        step++;
        if (step >= commands.length) {
          socket.end();
          return resolve(queued);
        }
        socket.write(`${commands[step]}\r\n`);
      }
    });
    socket.on('error', reject);
  });
}
