const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day as the address and the API write it ("2026-11-25"), or null for anything else. */
export function parseDay(value: string | null): string | null {
  return value !== null && DATE.test(value) ? value : null;
}
