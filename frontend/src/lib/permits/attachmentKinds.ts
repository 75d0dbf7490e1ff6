import type { AttachmentKind } from '@/lib/api/models';

/** The attachment kinds a requester chooses from, in the order offered, with the server's labels. */
export const ATTACHMENT_KINDS: readonly { value: AttachmentKind; label: string }[] = [
  { value: 'jsa', label: 'JSA / risk assessment' },
  { value: 'method_statement', label: 'Method statement' },
  { value: 'drawing', label: 'Drawing' },
  { value: 'photo', label: 'Photo' },
  { value: 'other', label: 'Other' },
];

export function attachmentKindLabel(kind: string): string {
  return ATTACHMENT_KINDS.find((item) => item.value === kind)?.label ?? kind;
}
