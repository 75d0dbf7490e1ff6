import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { projectPath } from '@/lib/session';
import { PermitStatusTag } from './PermitStatusTag';
import { PermitTypeTag } from './PermitTypeTag';
import { RiskTag } from './RiskTag';
import type { RiskLevel } from '@/lib/permits/riskLevel';
import { ListCard } from './ResponsiveTable';
import { TAP_TARGET_STYLE } from './tapTarget';

export interface PermitCardProps {
  permit: {
    id: number;
    permit_number: string;
    title: string;
    status?: string;
    permit_type: { name: string; color?: string };
    /** Shown when the list carries it; null: not assessed yet. */
    risk_level?: RiskLevel | null;
    risk_score?: number | null;
  };
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
          {permit.risk_level !== undefined && <RiskTag level={permit.risk_level} score={permit.risk_score} />}
        </>
      }
    >
      {children}
    </ListCard>
  );
}
