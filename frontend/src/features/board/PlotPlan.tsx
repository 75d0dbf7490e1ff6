import { Typography } from 'antd';
import { Link } from 'react-router-dom';
import { projectPath } from '@/lib/session/currentProject';
import type { BoardPermit } from './api/types';

const PIN_SIZE = 22;
const TAP_SIZE = 44;
const CONFLICT_RED = '#cf1322';
/** The plan's widest size beside the time axis, and on a control-room display; it keeps its aspect. */
export const PLAN_MAX_WIDTH = 480;
export const PLAN_MAX_WIDTH_LARGE = 720;

export interface Pin {
  permit: BoardPermit;
  /** Percentages of the plan's width and height. */
  left: number;
  top: number;
}

/**
 * The permits that can be pinned on the plan, at their node's plan_x / plan_y (0..1 of the image). Several
 * permits on one node are fanned out a little so that each stays clickable.
 */
export function pinsOf(permits: readonly BoardPermit[]): Pin[] {
  const seen = new Map<number, number>();
  return permits.flatMap((permit) => {
    const node = permit.location_node;
    if (node?.plan_x == null || node.plan_y === null) return [];
    const index = seen.get(node.id) ?? 0;
    seen.set(node.id, index + 1);
    const shift = index * 1.5;
    return [{ permit, left: node.plan_x * 100 + shift, top: node.plan_y * 100 + shift }];
  });
}

interface PlotPlanProps {
  areaName: string;
  imageUrl: string | null;
  permits: readonly BoardPermit[];
  /** Permits in a conflict: their pins are red. */
  conflicting: ReadonlySet<number>;
  projectId: number;
  /** The control-room layout: a larger plan. */
  large?: boolean;
}

/** The area's plot plan with the day's permits pinned where their location nodes are; a conflict's pins red. */
export function PlotPlan({ areaName, imageUrl, permits, conflicting, projectId, large = false }: PlotPlanProps) {
  const pins = pinsOf(permits);
  if (imageUrl === null && pins.length === 0)
    return <Typography.Text type="secondary">No plot plan for {areaName}.</Typography.Text>;
  return (
    <figure style={{ margin: 0, maxWidth: large ? PLAN_MAX_WIDTH_LARGE : PLAN_MAX_WIDTH }} data-testid="plot-plan-figure">
      <div
        data-testid="plot-plan"
        style={{
          position: 'relative',
          width: '100%',
          // Without an image the pins are placed on a plain frame of the usual 4:3.
          aspectRatio: imageUrl === null ? '4 / 3' : undefined,
          background: imageUrl === null ? '#fafafa' : undefined,
          border: '1px solid #d9d9d9',
          overflow: 'hidden',
        }}
      >
        {imageUrl !== null && (
          <img src={imageUrl} alt={`Plot plan of ${areaName}`} style={{ display: 'block', width: '100%', height: 'auto' }} />
        )}
        {pins.map(({ permit, left, top }) => {
          const red = conflicting.has(permit.id);
          return (
            <Link
              key={permit.id}
              to={projectPath(`/permits/${String(permit.id)}`, projectId)}
              data-testid={`plan-pin-${String(permit.id)}`}
              data-conflict={red ? 'true' : 'false'}
              aria-label={`${permit.permit_number} on the plan${red ? ', in conflict' : ''}`}
              title={`${permit.permit_number} · ${permit.title}${permit.location_node === null ? '' : ` · ${permit.location_node.path}`}`}
              style={{
                position: 'absolute',
                left: `${String(left)}%`,
                top: `${String(top)}%`,
                // A tap target of 44 px around the visible dot.
                width: TAP_SIZE,
                height: TAP_SIZE,
                marginLeft: -TAP_SIZE / 2,
                marginTop: -TAP_SIZE / 2,
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
              }}
            >
              <span
                aria-hidden
                style={{
                  width: PIN_SIZE,
                  height: PIN_SIZE,
                  borderRadius: '50%',
                  background: red ? CONFLICT_RED : permit.permit_type.color,
                  border: red ? '3px solid #fff' : '2px solid #fff',
                  boxShadow: red ? `0 0 0 3px ${CONFLICT_RED}` : '0 0 0 1px rgba(0, 0, 0, 0.45)',
                  boxSizing: 'border-box',
                }}
              />
            </Link>
          );
        })}
      </div>
      <figcaption>
        <Typography.Text type="secondary">
          {imageUrl === null ? 'No plot plan image yet: positions only. ' : ''}
          {pins.length === permits.length
            ? `${String(pins.length)} permit${pins.length === 1 ? '' : 's'} pinned.`
            : `${String(pins.length)} of ${String(permits.length)} permits pinned (the others' locations have no position on the plan).`}
        </Typography.Text>
      </figcaption>
    </figure>
  );
}
