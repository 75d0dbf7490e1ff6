export { ATTACHMENT_KINDS, attachmentKindLabel } from '@/lib/permits/attachmentKinds';

/** Bytes as people read them: "840 kB", "2.4 MB". */
export function formatSize(size: number): string {
  return size >= 1024 * 1024 ? `${(size / (1024 * 1024)).toFixed(1)} MB` : `${String(Math.max(1, Math.round(size / 1024)))} kB`;
}
