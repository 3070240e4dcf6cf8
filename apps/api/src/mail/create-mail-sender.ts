import type { Config } from '../env.ts';
import { folderMailSender, type MailSender } from './mail-sender.ts';
import { smtpMailSender } from './smtp-mail-sender.ts';

/** SMTP when `SMTP_URL` is set, else .eml files in `MAIL_DIR` (development, tests, a first look). */
export function createMailSender(config: Pick<Config, 'mail'>): MailSender {
  const { smtpUrl, dir, from } = config.mail;
  return smtpUrl ? smtpMailSender(smtpUrl, from) : folderMailSender(dir, from);
}
