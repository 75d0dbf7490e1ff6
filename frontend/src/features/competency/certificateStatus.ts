import type { Certificate, CertificateStatus } from '@/lib/api/models';

interface StatusInfo {
  label: string;
  color: string;
}

/** The one dictionary of a certificate's standing, as the register and its tags show it. */
export const CERTIFICATE_STATUS: Readonly<Record<CertificateStatus, StatusInfo>> = {
  valid: { label: 'Valid', color: 'success' },
  expiring: { label: 'Expiring', color: 'warning' },
  expired: { label: 'Expired', color: 'error' },
  not_yet_valid: { label: 'Not yet valid', color: 'default' },
  superseded: { label: 'Renewed', color: 'default' },
  revoked: { label: 'Revoked', color: 'error' },
};

/** The tag's text: "Expiring in 12 days" for one within the warning window, else the status's label. */
export function certificateStatusText(certificate: Pick<Certificate, 'status' | 'days_left'>): string {
  if (certificate.status === 'expiring') {
    const days = certificate.days_left;
    if (days === 0) return 'Expires today';
    return `Expiring in ${String(days)} day${days === 1 ? '' : 's'}`;
  }
  return CERTIFICATE_STATUS[certificate.status].label;
}
