/** The JSON body type of one response object of the generated schema. */
export type JsonContent<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
