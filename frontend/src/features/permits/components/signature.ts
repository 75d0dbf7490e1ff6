import type { SignatureInput } from '../api/types';

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
