import type { FormInstance } from 'antd';
import { ApiError } from '../../../lib/api/client';

/**
 * Puts the server's field errors on the form's own fields; returns the names placed, so the
 * error alert leaves them out. Fields the form does not have stay in the alert.
 */
export function placeFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): string[] {
  if (!(error instanceof ApiError)) return [];
  const placed = Object.entries(error.fields).filter(([name]) => fields.includes(name));
  form.setFields(placed.map(([name, errors]) => ({ name, errors })));
  return placed.map(([name]) => name);
}
