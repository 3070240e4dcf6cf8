import { enDevices } from './en-devices.ts';
import { addEnglish } from './translate.ts';

// Imported by the devices route module: the registry's English travels in its chunk (admins only).
addEnglish(enDevices);
