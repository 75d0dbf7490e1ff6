import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { projectPath } from '@/lib/session';
import { PermitStatusTag } from './PermitStatusTag';
import { PermitTypeTag } from './PermitTypeTag';
import { ListCard } from './ResponsiveTable';
import { TAP_TARGET_STYLE } from './tapTarget';

export interface PermitCardProps {
  permit: { id: number; permit_number: string; title: string; status?: string; permit_type: { name: string; color?: string } };
  projectId: number;
  /** Detail lines under the tags: where, when. */
  children?: ReactNode;
}

/** A permit in a list on a phone: its number linking to it, its title, type and status, then the detail lines. */
export function PermitCard({ permit, projectId, children }: PermitCardProps) {
  return (
    <ListCard
      heading={
        <Link to={projectPath(`/permits/${String(permit.id)}`, projectId)} style={TAP_TARGET_STYLE}>
          {permit.permit_number}
        </Link>
      }
      title={permit.title}
      tags={
        <>
          <PermitTypeTag type={permit.permit_type} />
          <PermitStatusTag status={permit.status ?? ''} />
        </>
      }
    >
      {children}
    </ListCard>
  );
}
