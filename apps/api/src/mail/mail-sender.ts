import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type OutgoingMail = { to: string; subject: string; text: string };

/**
 * Where outgoing mail goes. `delivers`: the mail reaches the person's mailbox (SMTP); a folder
 * sender keeps it on the server, so the admin is told to pass the link on themselves.
 */
export type MailSender = { readonly delivers: boolean; send(mail: OutgoingMail): Promise<void> };

/** RFC 2047 for a header with non-ASCII text (a name in the subject). */
function headerText(value: string): string {
  const oneLine = value.replace(/[\r\n]+/g, ' ');
  return /^[\x20-\x7e]*$/.test(oneLine) ? oneLine : `=?UTF-8?B?${Buffer.from(oneLine).toString('base64')}?=`;
}

/**
 * The development and test sender: each mail is a .eml file in one folder (`MAIL_DIR`, by
 * default `$DATA_DIR/mail`) that any mail client opens.
 */
export function folderMailSender(dir: string, from: string, now: () => Date = () => new Date()): MailSender {
  return {
    delivers: false,
    async send(mail) {
      await mkdir(dir, { recursive: true });
      const at = now();
      const eml = [
        `To: ${headerText(mail.to)}`,
        `From: ${headerText(from)}`,
        `Subject: ${headerText(mail.subject)}`,
        `Date: ${at.toUTCString()}`,
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        mail.text,
        '',
      ].join('\r\n');
      const name = `${at.toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      await writeFile(join(dir, name), eml, { flag: 'wx' });
    },
  };
}
