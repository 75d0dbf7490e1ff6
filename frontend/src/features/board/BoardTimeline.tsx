import { Flex, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router-dom';
import { PermitStatusTag } from '@/components/PermitStatusTag';
import { textColorOn } from '@/lib/color';
import { projectPath } from '@/lib/session/currentProject';
import { formatRange, formatTime } from '@/lib/time/format';
import type { BoardConflict, BoardPermit } from './api/types';
import { hourMarks, placeWindow } from './timeAxis';

export const ROW_HEIGHT = 44;
const AXIS_HEIGHT = 24;
const LABEL_WIDTH = 220;
const LABEL_MIN_WIDTH = 140;
/** The axis keeps a readable scale: narrower screens scroll it inside its own box. */
const TRACK_MIN_WIDTH = 560;

interface BoardTimelineProps {
  permits: readonly BoardPermit[];
  conflicts: readonly BoardConflict[];
  dayStart: string;
  dayEnd: string;
  timeZone: string;
  projectId: number;
  /** Larger rows and text for a control-room display. */
  large?: boolean;
}

function overlap(a: BoardPermit, b: BoardPermit): { start: string; end: string } {
  const start = Date.parse(a.planned_start) > Date.parse(b.planned_start) ? a.planned_start : b.planned_start;
  const end = Date.parse(a.planned_end) < Date.parse(b.planned_end) ? a.planned_end : b.planned_end;
  return { start, end };
}

/**
 * One area's permits on the day's time axis (00–24 h): a row per permit, its bar coloured by its type and
 * clipped to the day, a link to the permit; each conflict a red mark over both rows where their windows overlap.
 */
export function BoardTimeline({ permits, conflicts, dayStart, dayEnd, timeZone, projectId, large = false }: BoardTimelineProps) {
  const rowHeight = large ? ROW_HEIGHT + 12 : ROW_HEIGHT;
  const rowOf = new Map(permits.map((permit, index) => [permit.id, index]));
  const marks = hourMarks(dayStart, dayEnd, 3);
  const height = AXIS_HEIGHT + permits.length * rowHeight;
  const box = useRef<HTMLDivElement>(null);
  const track = useRef<HTMLDivElement>(null);
  // Where a narrow screen scrolls the axis to: the earliest bar of the day (its box alone scrolls sideways).
  const firstLeft = Math.min(
    ...permits.map((permit) => placeWindow(permit.planned_start, permit.planned_end, dayStart, dayEnd)?.left ?? 100),
  );
  useEffect(() => {
    const [scroller, axis] = [box.current, track.current];
    if (scroller === null || axis === null || !Number.isFinite(firstLeft)) return;
    scroller.scrollLeft = Math.max(0, (axis.offsetWidth * firstLeft) / 100 - 24);
  }, [firstLeft]);

  return (
    <div ref={box} style={{ overflowX: 'auto', maxWidth: '100%' }} role="region" aria-label="Time axis" tabIndex={0}>
      {/* The grid is as wide as its columns need (not only the box), so the sticky labels hold through the whole
          scroll: a sticky element cannot leave its containing block. */}
      <div
        data-testid="board-grid"
        style={{
          display: 'grid',
          gridTemplateColumns: `minmax(${String(LABEL_MIN_WIDTH)}px, ${String(LABEL_WIDTH)}px) minmax(${String(TRACK_MIN_WIDTH)}px, 1fr)`,
          minWidth: LABEL_MIN_WIDTH + TRACK_MIN_WIDTH,
        }}
      >
        {/* The labels stay in view while the axis scrolls under them. */}
        <div data-testid="board-labels" style={{ position: 'sticky', left: 0, zIndex: 2, background: '#fff' }}>
          <div style={{ height: AXIS_HEIGHT }} />
          {permits.map((permit) => (
            <Flex
              key={permit.id}
              vertical
              justify="center"
              // Nothing of a label spills over the bars beside it.
              style={{ height: rowHeight, paddingInlineEnd: 8, minWidth: 0, overflow: 'hidden', borderTop: '1px solid #f0f0f0' }}
            >
              <Link to={projectPath(`/permits/${String(permit.id)}`, projectId)} style={{ whiteSpace: 'nowrap' }}>
                {permit.permit_number}
              </Link>
              <Flex gap={4} align="center" wrap={false} style={{ minWidth: 0 }}>
                <PermitStatusTag status={permit.status} />
                <Typography.Text type="secondary" ellipsis style={{ fontSize: large ? 16 : 12, minWidth: 0 }}>
                  {permit.title}
                </Typography.Text>
              </Flex>
            </Flex>
          ))}
        </div>
        <div ref={track} style={{ position: 'relative', height }} data-testid="board-track">
          {marks.map((mark) => (
            <div
              key={mark.left}
              aria-hidden
              style={{
                position: 'absolute',
                left: `${String(mark.left)}%`,
                top: 0,
                bottom: 0,
                borderLeft: '1px dashed #e0e0e0',
              }}
            >
              <span style={{ position: 'absolute', top: 2, left: 2, fontSize: 11, color: '#8c8c8c' }}>
                {mark.left >= 100 ? '24:00' : formatTime(mark.at, timeZone)}
              </span>
            </div>
          ))}
          {permits.map((permit, index) => {
            const place = placeWindow(permit.planned_start, permit.planned_end, dayStart, dayEnd);
            if (place === null) return null;
            const color = permit.permit_type.color;
            const window = formatRange(permit.planned_start, permit.planned_end, timeZone);
            return (
              <Link
                key={permit.id}
                to={projectPath(`/permits/${String(permit.id)}`, projectId)}
                data-testid={`board-bar-${String(permit.id)}`}
                data-left={place.left.toFixed(3)}
                data-width={place.width.toFixed(3)}
                aria-label={`${permit.permit_number}, ${permit.permit_type.name}, ${window}`}
                title={`${permit.permit_number} · ${permit.title} · ${window}`}
                style={{
                  position: 'absolute',
                  top: AXIS_HEIGHT + index * rowHeight + 8,
                  height: rowHeight - 16,
                  left: `${String(place.left)}%`,
                  width: `${String(place.width)}%`,
                  minWidth: 6,
                  background: color,
                  color: textColorOn(color) ?? '#000',
                  // A window going on past the day has a square end there.
                  borderStartStartRadius: place.startsBefore ? 0 : 6,
                  borderEndStartRadius: place.startsBefore ? 0 : 6,
                  borderStartEndRadius: place.endsAfter ? 0 : 6,
                  borderEndEndRadius: place.endsAfter ? 0 : 6,
                  fontSize: large ? 16 : 12,
                  lineHeight: `${String(rowHeight - 16)}px`,
                  paddingInline: 6,
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  textOverflow: 'ellipsis',
                  boxSizing: 'border-box',
                }}
              >
                {place.startsBefore ? '◀ ' : ''}
                {permit.permit_type.name}
                {place.endsAfter ? ' ▶' : ''}
              </Link>
            );
          })}
          {conflicts.map((conflict) => {
            const [rowA, rowB] = [rowOf.get(conflict.a), rowOf.get(conflict.b)];
            const [a, b] = [permits[rowA ?? -1], permits[rowB ?? -1]];
            if (rowA === undefined || rowB === undefined || a === undefined || b === undefined) return null;
            const both = overlap(a, b);
            const place = placeWindow(both.start, both.end, dayStart, dayEnd);
            if (place === null) return null;
            const top = Math.min(rowA, rowB);
            const bottom = Math.max(rowA, rowB);
            return (
              <div
                key={`${String(conflict.a)}-${String(conflict.b)}`}
                role="img"
                data-testid="board-conflict-mark"
                aria-label={`Conflict between ${a.permit_number} and ${b.permit_number}: ${conflict.reason}`}
                title={conflict.reason}
                style={{
                  position: 'absolute',
                  left: `${String(place.left)}%`,
                  width: `${String(place.width)}%`,
                  minWidth: 4,
                  top: AXIS_HEIGHT + top * rowHeight + 4,
                  height: (bottom - top + 1) * rowHeight - 8,
                  border: `2px solid ${conflict.effect === 'block' ? '#cf1322' : '#d46b08'}`,
                  background: conflict.effect === 'block' ? 'rgba(207, 19, 34, 0.12)' : 'rgba(212, 107, 8, 0.12)',
                  borderRadius: 4,
                  pointerEvents: 'none',
                  boxSizing: 'border-box',
                }}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
