import { createTransport } from 'nodemailer';
import type { MailSender } from './mail-sender.ts';

/** How long one delivery may take before the admin is answered without it (the link still shows). */
const SMTP_TIMEOUT_MS = 15_000;

/**
 * Mail through an SMTP server (`SMTP_URL`, e.g. `smtps://user:pass@smtp.example.com:465` or
 * `smtp://relay:25`; STARTTLS when the server offers it). nodemailer speaks the protocol.
 */
export function smtpMailSender(url: string, from: string): MailSender {
  const transport = createTransport(url, { from });
  // nodemailer's URL form takes no timeouts; set them on its options.
  Object.assign(transport.options, {
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  return {
    delivers: true,
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
  };
}
