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

/** Bytes as people read them: "840 kB", "2.4 MB". */
export function formatSize(size: number): string {
  return size >= 1024 * 1024 ? `${(size / (1024 * 1024)).toFixed(1)} MB` : `${String(Math.max(1, Math.round(size / 1024)))} kB`;
}
