import { enDrift } from './en-drift.ts';
import { addEnglish } from './translate.ts';

// Imported by the drift dashboard's route module: its English travels in its chunk.
addEnglish(enDrift);
