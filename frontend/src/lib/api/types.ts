import type { components } from '@/lib/api/schema';

/** The JSON body type of one response object of the generated schema. */
export type JsonContent<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;

/** One page of a list endpoint (`?page=&page_size=`), as the schema describes paginated lists. */
export type Paginated<Item> = Omit<components['schemas']['PaginatedTaskOutList'], 'results'> & { results: Item[] };
