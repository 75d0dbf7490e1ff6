import { apiRequest } from './client';
import type { Paginated } from './types';

const PAGE_SIZE = 100;

/** Every item of a paginated list (a permit's gas tests, workers), following the server's pages. */
export async function fetchAllPages<Item>(path: string, signal?: AbortSignal): Promise<Item[]> {
  const items: Item[] = [];
  for (let page = 1; ; page += 1) {
    const body = await apiRequest<Paginated<Item>>(`${path}?page=${String(page)}&page_size=${String(PAGE_SIZE)}`, {
      signal,
    });
    items.push(...body.results);
    if (!body.next) return items;
  }
}
