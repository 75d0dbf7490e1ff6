/** Page and page size as list pages keep them in the address (`?page=&page_size=`, as the API takes them). */

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;

export function parsePage(value: string | null): number {
  const page = Number(value);
  return value !== null && Number.isInteger(page) && page > 0 ? page : 1;
}

/** One of PAGE_SIZES, else the default: the server refuses sizes over 100. */
export function parsePageSize(value: string | null): number {
  return PAGE_SIZES.find((size) => String(size) === value) ?? DEFAULT_PAGE_SIZE;
}
