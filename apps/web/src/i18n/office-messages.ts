import { enBuilder } from './en-builder.ts';
import { enOffice } from './en-office.ts';
import { addEnglish } from './translate.ts';

// Imported by the office and builder route modules: their English travels in their chunks
// (precached for offline like the rest), not in the main bundle every technician downloads.
addEnglish(enOffice);
addEnglish(enBuilder);
