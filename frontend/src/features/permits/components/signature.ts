import type { SignatureInput } from '@/lib/api/models';

/** The server refuses a drawn signature whose data URL is longer than this (characters). */
export const MAX_DRAWN_LENGTH = 200_000;
/** The only drawing the server accepts: a base64 PNG data URL. */
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

function normalise(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

/** Whether a typed name is the signer's registered name (trimmed, any case), as the server checks. */
export function signatureMatches(typed: string, signerName: string): boolean {
  return normalise(signerName) !== '' && normalise(typed) === normalise(signerName);
}

export function typedSignature(typed: string): SignatureInput {
  return { method: 'typed', data: typed.trim() };
}

/** A drawn signature as the pad reports it; sent as is, since the server checks the PNG itself. */
export function drawnSignature(dataUrl: string): SignatureInput {
  return { method: 'drawn', data: dataUrl };
}

/**
 * Whether stored signature data is a drawn PNG, safe to show as an image: anything else (a typed
 * name, a malformed value) is never put into an img src.
 */
export function isDrawnImage(data: string): boolean {
  return data.length <= MAX_DRAWN_LENGTH && PNG_DATA_URL.test(data);
}
