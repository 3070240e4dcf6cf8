import { enSetPassword } from './en-set-password.ts';
import { addEnglish } from './translate.ts';

// Imported by the set-password screen, a lazy chunk of the sign-in page: only someone who opened
// an invitation or reset link downloads its English (ADR 0039).
addEnglish(enSetPassword);
