/**
 * A field of a form template's definition as the builder's API takes it (packages/domain forms):
 * optional, always visible, no help text, unless `extra` says otherwise (a unit, bounds, options…).
 */
export function formField(key: string, label: string, type: string, extra: Record<string, unknown> = {}) {
  return { key, label, help: '', required: false, visibleWhen: null, type, ...extra };
}
