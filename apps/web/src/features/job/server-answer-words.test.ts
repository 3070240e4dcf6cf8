import { describe, expect, it } from 'vitest';
import type { ReportLeafAnswer } from '@lastmile/domain';
import { answerWords } from './server-answer-words.ts';

const answer = (over: Partial<ReportLeafAnswer>): ReportLeafAnswer => ({
  key: 'k',
  label: 'Label',
  type: 'shortText',
  text: '',
  unit: '',
  outcome: null,
  outOfRange: false,
  attachmentIds: [],
  ...over,
});

describe("the read-only view's words for an answer", () => {
  it("says the report's English marks in the person's language", () => {
    expect(answerWords(answer({ type: 'passFail', text: 'Fail', outcome: 'fail' }))).toEqual({ key: 'forms.fail' });
    expect(answerWords(answer({ type: 'passFail', text: 'N/A', outcome: 'na' }))).toEqual({ key: 'forms.na' });
    expect(answerWords(answer({ type: 'yesNo', text: 'Yes' }))).toEqual({ key: 'forms.yes' });
    expect(answerWords(answer({ type: 'yesNo', text: 'No' }))).toEqual({ key: 'forms.no' });
    expect(answerWords(answer({ type: 'photos', text: '3 photos', attachmentIds: ['a'] }))).toEqual({
      key: 'photos.count',
      params: { count: 3 },
    });
    expect(answerWords(answer({ type: 'signature', text: 'Signed' }))).toEqual({ key: 'job.server.signed' });
  });

  it('keeps what was typed or chosen, and says so when nothing was', () => {
    expect(answerWords(answer({ type: 'number', text: '1.5 bar' }))).toEqual({ text: '1.5 bar' });
    expect(answerWords(answer({ type: 'singleChoice', text: 'Combi boiler' }))).toEqual({ text: 'Combi boiler' });
    expect(answerWords(answer({ type: 'shortText', text: 'Yes' }))).toEqual({ text: 'Yes' });
    expect(answerWords(answer({ type: 'passFail', text: '' }))).toEqual({ key: 'job.server.unanswered' });
  });
});
