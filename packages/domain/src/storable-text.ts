/**
 * Text PostgreSQL cannot store, made storable the same way on the device and on the server
 * (docs/decisions/0014-storable-text.md). PostgreSQL refuses U+0000 in `text` and in `jsonb`
 * strings, and JavaScript strings may hold unpaired UTF-16 surrogates (a pasted, half-cut emoji)
 * that have no UTF-8 form. Neither carries meaning a person typed on purpose, so instead of
 * refusing the whole change (and, in a push, blocking the queue behind it), both are made
 * storable: NUL is removed and a lone surrogate becomes U+FFFD (�). The device applies this
 * before a change is queued, so what the person sees on the phone is what the server stores.
 */

// Unpaired surrogates: a high one not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE);
const EVERY_LONE_SURROGATE = new RegExp(LONE_SURROGATE, 'g');

/** True when PostgreSQL can store `s` as it is. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !HAS_LONE_SURROGATE.test(s);
}

/** `s` without NUL characters and with every unpaired surrogate replaced by U+FFFD. */
export function toStorableText(s: string): string {
  if (isStorableText(s)) return s;
  return s.replaceAll('\u0000', '').replace(EVERY_LONE_SURROGATE, '\uFFFD');
}

/**
 * A JSON value (a request body, mutation arguments, a form answer) with every string in it,
 * object keys included, made storable. Returns the same object when nothing needed changing,
 * so the common case allocates nothing.
 */
export function toStorable<T>(value: T): T {
  return storable(value, 0, false) as T;
}

/**
 * A JSON value that is kept whatever it holds (a refused mutation's arguments, ADR 0049): as
 * toStorable, and every array or object nested deeper than toStorable looks is replaced by null.
 * What toStorable leaves alone down there may hold a NUL, and PostgreSQL's jsonb and JSON.stringify
 * both give up on deep enough nesting: kept as it came, such arguments failed the whole push with a
 * 500 on every retry, and the phone's queue behind them with it.
 */
export function toStorableCut(value: unknown): unknown {
  return storable(value, 0, true);
}

/** Deeper than any real body; a hostile one is refused by validation, not by a stack overflow. */
const MAX_DEPTH = 200;

function storable(value: unknown, depth: number, cut: boolean): unknown {
  if (typeof value === 'string') return toStorableText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return cut ? null : value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const next = storable(item, depth + 1, cut);
      if (next !== item) {
        copy ??= value.slice();
        copy[i] = next;
      }
    }
    return copy ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const nextKey = toStorableText(key);
    const next = storable(item, depth + 1, cut);
    if (next !== item || nextKey !== key) {
      copy ??= { ...(value as Record<string, unknown>) };
      if (nextKey !== key) delete copy[key];
      copy[nextKey] = next;
    }
  }
  return copy ?? value;
}
