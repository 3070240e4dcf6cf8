import type { ReportLeafAnswer } from '@lastmile/domain';
import type { MessageKey, Params } from '../../i18n/index.ts';

/** A message of the person's language, or the answer's own words (what someone typed or chose). */
export type AnswerWords = { key: MessageKey; params?: Params; text?: undefined } | { key?: undefined; text: string };

/**
 * How the read-only view says an answer. The report's `text` is written for the PDF in English
 * ("Pass", "Yes", "2 photos", "Signed"); those are said in the person's language here, and what
 * a person typed or a template's choice label stays as it is.
 */
export function answerWords(answer: ReportLeafAnswer): AnswerWords {
  if (answer.text === '') return { key: 'job.server.unanswered' };
  switch (answer.type) {
    case 'passFail':
      return answer.outcome ? { key: `forms.${answer.outcome}` } : { text: answer.text };
    case 'yesNo':
      return { key: answer.text === 'Yes' ? 'forms.yes' : 'forms.no' };
    case 'photos':
      return {
        key: 'photos.count',
        params: { count: Number.parseInt(answer.text, 10) || answer.attachmentIds.length },
      };
    case 'signature':
      return { key: 'job.server.signed' };
    default:
      return { text: answer.text };
  }
}
