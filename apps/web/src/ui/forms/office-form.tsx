import type { ReactNode } from 'react';

/**
 * The frame of an office form that saves through useServerForm: no browser validation (the
 * schema's messages show per field), the form-level message, and a save button disabled while saving.
 */
export function OfficeForm({
  form,
  onSubmit,
  submitLabel,
  children,
}: {
  form: { message: string | null; busy: boolean };
  onSubmit: () => void;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form
      className="office-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <p className="form-error" role="alert">
        {form.message}
      </p>
      <button type="submit" className="button button--primary" disabled={form.busy}>
        {submitLabel}
      </button>
    </form>
  );
}
