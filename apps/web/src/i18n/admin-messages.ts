import { enAdmin } from './en-admin.ts';
import { addEnglish } from './translate.ts';

// Imported by the admin route module: people, teams and settings strings travel in its chunk.
addEnglish(enAdmin);
