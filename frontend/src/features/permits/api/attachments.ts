import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest, apiUpload } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { fetchAllPages } from '@/lib/api/fetchAllPages';
import type { Attachment, AttachmentKind } from '@/lib/api/models';
import { permitPath } from './permits';
import { useRefreshPermitParts } from './refresh';

function attachmentsPath(permitId: number): string {
  return `${permitPath(permitId)}attachments/`;
}

/** Every attachment of the permit, superseded ones included, oldest first. */
export function useAttachments(permitId: number) {
  return useQuery({
    queryKey: permitKeys.attachments(permitId),
    queryFn: ({ signal }) => fetchAllPages<Attachment>(attachmentsPath(permitId), signal),
  });
}

export interface UploadAttachmentInput {
  file: File;
  kind?: AttachmentKind;
  keepLocation: boolean;
  /** The current attachment this file replaces. */
  supersedes?: number;
  idempotencyKey: string;
  onProgress?: (share: number) => void;
}

/** Sends one file; the server judges its type by content and its size (10 MB at most). */
export function useUploadAttachment(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ file, kind, keepLocation, supersedes, idempotencyKey, onProgress }: UploadAttachmentInput) => {
      const form = new FormData();
      form.append('file', file);
      if (kind !== undefined) form.append('kind', kind);
      form.append('keep_location', keepLocation ? 'true' : 'false');
      if (supersedes !== undefined) form.append('supersedes', String(supersedes));
      return apiUpload<Attachment>(attachmentsPath(permitId), form, {
        headers: { 'Idempotency-Key': idempotencyKey },
        onProgress,
      });
    },
    onSettled: refresh,
  });
}

/** Deletes an attachment of a draft (its requester); afterwards attachments are only superseded. */
export function useDeleteAttachment(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: (attachmentId: number) =>
      apiRequest<undefined>(`${attachmentsPath(permitId)}${String(attachmentId)}/`, { method: 'DELETE' }),
    onSettled: refresh,
  });
}
