import type { OrgLocale } from '@lastmile/domain';
import type { OutgoingMail } from './mail-sender.ts';

type LinkMail = { to: string; name: string; orgName: string; link: string; expiresAt: Date; locale: OrgLocale };

/** The link's end in words the reader's organization uses (its language, UTC spelled out). */
function until(expiresAt: Date, locale: OrgLocale): string {
  const format = new Intl.DateTimeFormat(locale === 'pl' ? 'pl-PL' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  return `${format.format(expiresAt)} UTC`;
}

/** The invitation mail, in the organization's default language. */
export function invitationMail(m: LinkMail): OutgoingMail {
  const when = until(m.expiresAt, m.locale);
  return m.locale === 'pl'
    ? {
        to: m.to,
        subject: `Zaproszenie do Lastmile: ${m.orgName}`,
        text: `Dzień dobry, ${m.name},\n\nustaw hasło, aby zacząć korzystać z Lastmile w ${m.orgName}:\n${m.link}\n\nLink działa jeden raz, do ${when}.\n`,
      }
    : {
        to: m.to,
        subject: `You are invited to Lastmile: ${m.orgName}`,
        text: `Hello ${m.name},\n\nSet your password to start using Lastmile at ${m.orgName}:\n${m.link}\n\nThe link works once, until ${when}.\n`,
      };
}

/** The password reset mail, in the organization's default language. */
export function passwordResetMail(m: LinkMail): OutgoingMail {
  const when = until(m.expiresAt, m.locale);
  return m.locale === 'pl'
    ? {
        to: m.to,
        subject: 'Nowe hasło do Lastmile',
        text: `Dzień dobry, ${m.name},\n\nustaw nowe hasło tutaj:\n${m.link}\n\nLink działa jeden raz, do ${when}.\n`,
      }
    : {
        to: m.to,
        subject: 'Choose a new Lastmile password',
        text: `Hello ${m.name},\n\nChoose a new password here:\n${m.link}\n\nThe link works once, until ${when}.\n`,
      };
}
