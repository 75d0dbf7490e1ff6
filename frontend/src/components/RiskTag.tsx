import { Tag } from 'antd';
import { riskColor, riskText, type RiskLevel } from '@/lib/permits/riskLevel';

/** A permit's assessed risk, "Risk: High (12)", or "Risk: Not assessed" before probability and severity are chosen. */
export function RiskTag({ level, score }: { level: RiskLevel | null | undefined; score: number | null | undefined }) {
  return <Tag color={riskColor(level)}>Risk: {riskText(level, score)}</Tag>;
}
