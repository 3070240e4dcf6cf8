import { z } from 'zod';
import { ROLES } from './roles.ts';

/** Apart from roles.ts, which the web app's start path uses without zod (ADR 0034). */
export const roleSchema = z.enum(ROLES);
