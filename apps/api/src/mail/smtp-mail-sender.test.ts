import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation } from '@lastmile/domain';
import { createTestApp, sessionFor, type TestApp } from '../test/test-app.ts';

/**
 * A minimal SMTP server (RFC 5321's happy path, no TLS): enough for nodemailer to deliver to it,
 * so the test exercises the real client over a real socket.
 */
function fakeSmtpServer(): { server: Server; received: string[] } {
  const received: string[] = [];
  const server = createServer((socket: Socket) => {
    let buffer = '';
    let inData = false;
    socket.write('220 fake.smtp ESMTP ready\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          received.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 2.0.0 queued\r\n');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  return { server, received };
}

const smtp = fakeSmtpServer();
let t: TestApp;
let down: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.server.listen(0, '127.0.0.1', resolve));
  const address = smtp.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const mail = (url: string) => ({ mail: { smtpUrl: url, dir: '/nonexistent', from: 'Acme <ops@acme.test>' } });
  t = await createTestApp(mail(`smtp://127.0.0.1:${port}`));
  // Nothing listens on port 9 (discard) here: a mail server that is down.
  down = await createTestApp(mail('smtp://127.0.0.1:9'));
});
afterAll(async () => {
  await Promise.all([t.close(), down.close()]);
  await new Promise((resolve) => smtp.server.close(resolve));
});

const invite = async (app: TestApp, email: string) =>
  app.app.inject({
    method: 'POST',
    url: '/api/admin/users/invite',
    headers: await sessionFor(app.db, app.fixtures.orgA.users.admin),
    payload: { name: 'Zofia Wąs', email, role: 'technician', teamId: null },
  });

describe('mail through SMTP', () => {
  it('delivers the invitation to the SMTP server and tells the admin it was emailed', async () => {
    const response = await invite(t, 'zofia@a.test');
    expect(response.statusCode, response.body).toBe(201);
    const { link, emailed } = response.json<Invitation>();
    expect(emailed).toBe(true);
    expect(smtp.received).toHaveLength(1);
    const message = smtp.received[0] ?? '';
    expect(message).toMatch(/^To: zofia@a\.test\r?$/m);
    expect(message).toMatch(/^From: Acme <ops@acme\.test>\r?$/m);
    // Quoted-printable may wrap the link; unwrap soft line breaks before looking for it.
    expect(message.replace(/=\r\n/g, '').replace(/=3D/g, '=')).toContain(link);
  });

  it('still issues the link when the mail server is down, and says it was not emailed', async () => {
    const response = await invite(down, 'offline-mail@a.test');
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<Invitation>()).toMatchObject({ emailed: false });
  });
});
