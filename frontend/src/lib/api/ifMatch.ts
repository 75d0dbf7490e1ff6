/** The `If-Match` header of a write to a resource at `version`. */
export function ifMatch(version: number): Record<string, string> {
  return { 'If-Match': `"${String(version)}"` };
}
