import { z } from 'zod';

const DIGITS = /^\d+$/;

/**
 * A number in a query string or path: plain decimal digits, checked by `schema` once read.
 * `z.coerce.number()` goes through `Number()`, which reads `0x10` as 16, `1e1` as 10, ` 10` and
 * `+10` as 10 and an empty value as 0: a link mangled on the way (or a probe) got an answer for a
 * number nobody wrote. Anything but digits is now a 400 naming the parameter. Values that are not
 * strings (a number, in a test or the web app's own parse) go to `schema` as they are, so a
 * repeated parameter (an array) is refused there. The OpenAPI document shows `schema`'s type.
 */
export function queryNumber<T extends z.ZodType<number | undefined, unknown>>(schema: T) {
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    if (DIGITS.test(value)) return Number(value);
    ctx.addIssue({ code: 'custom', message: 'must be a whole number in plain digits, like 25', input: value });
    return z.NEVER;
  }, schema);
}
