import { FullscreenExitOutlined, FullscreenOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, List, Row, Select, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type CSSProperties, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { DayPicker } from '@/components/DayPicker';
import { ErrorAlert } from '@/components/ErrorAlert';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { useIsPhone } from '@/lib/layout/useIsPhone';
import { STATUSES, statusInfo } from '@/lib/permits/status';
import { parseDay } from '@/lib/time/calendarDay';
import { formatDay, formatTime } from '@/lib/time/format';
import { isoToWallClock } from '@/lib/time/zonedInput';
import { useNow } from '@/lib/time/useNow';
import { useProjectTimeZone } from '@/lib/time/projectTimeZone';
import { projectPath, useCurrentProject } from '@/lib/session/currentProject';
import { useAreaOptions, useBoard, useTypeOptions } from './api/board';
import type { Board, BoardArea, BoardConflict, BoardFilters, BoardPermit } from './api/types';
import { BoardTimeline } from './BoardTimeline';
import { PlotPlan } from './PlotPlan';
import { shiftDay } from './timeAxis';

/** Statuses a permit on the board can have: live ones and approved (planned). */
const BOARD_STATUSES = STATUSES.filter((status) =>
  ['submitted', 'under_review', 'approved', 'active', 'suspended'].includes(status),
);

function numberParam(params: URLSearchParams, name: string): number | null {
  const value = Number(params.get(name));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** Today on the site's calendar. */
function siteToday(now: Date, timeZone: string): string {
  return isoToWallClock(now.toISOString(), timeZone).slice(0, 10);
}

/** The conflicts between two permits both in `permits`. */
function conflictsAmong(conflicts: readonly BoardConflict[], permits: readonly BoardPermit[]): BoardConflict[] {
  const ids = new Set(permits.map((permit) => permit.id));
  return conflicts.filter((conflict) => ids.has(conflict.a) && ids.has(conflict.b));
}

function permitCount(board: Board): number {
  return board.areas.reduce((sum, area) => sum + area.permits.length, 0) + board.unplaced.length;
}

/** "1 permit", "3 permits". */
function counted(count: number, noun: string): string {
  return `${String(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** Whether the browser lets an element fill the screen (phones mostly do not). */
function fullscreenAvailable(): boolean {
  return typeof document !== 'undefined' && document.fullscreenEnabled;
}

function useFullscreen(target: RefObject<HTMLElement | null>) {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const changed = () => {
      setOn(document.fullscreenElement !== null && document.fullscreenElement === target.current);
    };
    document.addEventListener('fullscreenchange', changed);
    return () => {
      document.removeEventListener('fullscreenchange', changed);
    };
  }, [target]);
  const toggle = () => {
    if (document.fullscreenElement === null) void target.current?.requestFullscreen();
    else void document.exitFullscreen();
  };
  return { on, toggle };
}

interface FilterSelectProps<T extends number | string> {
  label: string;
  placeholder: string;
  value: T | null;
  onChange: (value: T | null) => void;
  options: { value: T; label: string }[];
  style: CSSProperties;
}

/** One of the board's filters: a clearable choice, "All …" when cleared. */
function FilterSelect<T extends number | string>({ label, placeholder, value, onChange, options, style }: FilterSelectProps<T>) {
  return (
    <Select<T | null>
      aria-label={label}
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(next) => {
        onChange(next ?? null);
      }}
      options={options}
      style={style}
    />
  );
}

interface AreaProps {
  area: BoardArea;
  board: Board;
  timeZone: string;
  projectId: number;
  large: boolean;
}

function ConflictItems({ conflicts, permits }: { conflicts: readonly BoardConflict[]; permits: readonly BoardPermit[] }) {
  const numberOf = (id: number) => permits.find((permit) => permit.id === id)?.permit_number ?? `#${String(id)}`;
  return (
    <List
      size="small"
      header={<Typography.Text strong>Conflicts</Typography.Text>}
      dataSource={[...conflicts]}
      rowKey={(conflict) => `${String(conflict.a)}-${String(conflict.b)}`}
      renderItem={(conflict) => (
        <List.Item>
          <Flex wrap gap="small" align="center">
            <Tag color={conflict.effect === 'block' ? 'red' : 'orange'}>{conflict.effect === 'block' ? 'Blocks' : 'Warning'}</Tag>
            <span>
              {numberOf(conflict.a)} × {numberOf(conflict.b)}: {conflict.reason}
            </span>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** One area: its permits on the time axis, the conflicts between them, and its plot plan with the permits pinned. */
function AreaBoard({ area, board, timeZone, projectId, large }: AreaProps) {
  const conflicts = conflictsAmong(board.conflicts, area.permits);
  const conflicting = new Set(conflicts.flatMap((conflict) => [conflict.a, conflict.b]));
  return (
    <Card
      size="small"
      title={
        <span style={{ fontSize: large ? 22 : undefined }}>
          {area.code} — {area.name}
        </span>
      }
      extra={<Typography.Text type="secondary">{counted(area.permits.length, 'permit')}</Typography.Text>}
    >
      <section aria-label={`Area ${area.name}`}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={large ? 16 : 17} style={{ minWidth: 0 }}>
            <BoardTimeline
              permits={area.permits}
              conflicts={conflicts}
              dayStart={board.day_start}
              dayEnd={board.day_end}
              timeZone={timeZone}
              projectId={projectId}
              large={large}
            />
            {conflicts.length > 0 && <ConflictItems conflicts={conflicts} permits={area.permits} />}
          </Col>
          <Col xs={24} xl={large ? 8 : 7} style={{ minWidth: 0 }}>
            <PlotPlan
              areaName={area.name}
              imageUrl={area.plot_plan_url}
              permits={area.permits}
              conflicting={conflicting}
              projectId={projectId}
              large={large}
            />
          </Col>
        </Row>
      </section>
    </Card>
  );
}

/**
 * /board — the site board: one day's live and planned permits of the project by area, each on a 24-hour
 * axis coloured by type, with their conflicts, and each area's plot plan with the permits pinned. Day and
 * filters live in the address; the board asks again every 30 s, and "Full screen" gives a control-room layout.
 */
export function BoardPage() {
  const { project } = useCurrentProject();
  const timeZone = useProjectTimeZone(project.id);
  const [params, setParams] = useSearchParams();
  const now = useNow();
  const phone = useIsPhone();
  const today = siteToday(now, timeZone);
  const day = parseDay(params.get('date')) ?? today;
  const filters: BoardFilters = {
    area: numberParam(params, 'area'),
    permitType: numberParam(params, 'permit_type'),
    status: BOARD_STATUSES.find((status) => status === params.get('status')) ?? null,
  };
  const board = useBoard(project.id, day, filters);
  const areas = useAreaOptions(project.id);
  const types = useTypeOptions(project.id);
  const frame = useRef<HTMLDivElement>(null);
  const fullscreen = useFullscreen(frame);
  const large = fullscreen.on;

  const set = (name: string, value: string | number | null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === '') next.delete(name);
    else next.set(name, String(value));
    setParams(next, { replace: true });
  };

  const control = phone ? { ...TAP_TARGET_STYLE, width: '100%' } : { minWidth: 180 };
  const data = board.data;

  return (
    <div
      ref={frame}
      style={{
        background: large ? '#fff' : undefined,
        padding: large ? 24 : 0,
        overflowY: large ? 'auto' : undefined,
        fontSize: large ? 18 : undefined,
        minWidth: 0,
      }}
    >
      <Flex vertical gap="middle">
        {large && (
          <Typography.Title level={2} style={{ margin: 0 }}>
            {project.name} — {formatDay(day)}
          </Typography.Title>
        )}
        <Flex wrap gap="small" align="center">
          <Button
            icon={<LeftOutlined aria-hidden />}
            aria-label="Previous day"
            onClick={() => {
              set('date', shiftDay(day, -1));
            }}
            style={phone ? TAP_TARGET_STYLE : undefined}
          />
          <div style={{ width: phone ? 'calc(100% - 112px)' : 180 }}>
            <DayPicker
              id="board-day"
              value={day}
              onChange={(value) => {
                set('date', value === today ? null : value);
              }}
            />
          </div>
          <Button
            icon={<RightOutlined aria-hidden />}
            aria-label="Next day"
            onClick={() => {
              set('date', shiftDay(day, 1));
            }}
            style={phone ? TAP_TARGET_STYLE : undefined}
          />
          {day !== today && (
            <Button
              onClick={() => {
                set('date', null);
              }}
              style={phone ? TAP_TARGET_STYLE : undefined}
            >
              Today
            </Button>
          )}
          {fullscreenAvailable() && (
            <Button
              icon={large ? <FullscreenExitOutlined aria-hidden /> : <FullscreenOutlined aria-hidden />}
              onClick={fullscreen.toggle}
              style={{ marginInlineStart: phone ? undefined : 'auto', ...(phone ? TAP_TARGET_STYLE : {}) }}
            >
              {large ? 'Exit full screen' : 'Full screen'}
            </Button>
          )}
        </Flex>
        <Flex wrap gap="small" role="group" aria-label="Filters">
          <FilterSelect
            label="Area"
            placeholder="All areas"
            value={filters.area}
            onChange={(value) => {
              set('area', value);
            }}
            options={(areas.data ?? []).map((area) => ({ value: area.id, label: `${area.code} — ${area.name}` }))}
            style={control}
          />
          <FilterSelect
            label="Permit type"
            placeholder="All permit types"
            value={filters.permitType}
            onChange={(value) => {
              set('permit_type', value);
            }}
            options={(types.data ?? []).map((type) => ({ value: type.id, label: type.name }))}
            style={control}
          />
          <FilterSelect
            label="Status"
            placeholder="All statuses"
            value={filters.status}
            onChange={(value) => {
              set('status', value);
            }}
            options={BOARD_STATUSES.map((status) => ({ value: status, label: statusInfo(status).label }))}
            style={control}
          />
        </Flex>
        {board.error !== null && <ErrorAlert error={board.error} />}
        {data === undefined ? (
          board.error === null && <Skeleton active />
        ) : (
          <>
            <Typography.Text type="secondary" role="status">
              {formatDay(data.date)} ({timeZone}) · {counted(permitCount(data), 'permit')} ·{' '}
              {counted(data.conflicts.length, 'conflict')} · updated {formatTime(new Date(board.dataUpdatedAt), timeZone)}, refreshed
              every 30 s
            </Typography.Text>
            {data.areas.length === 0 && data.unplaced.length === 0 && (
              <Empty description="No live or planned permits on this day." />
            )}
            {data.areas.map((area) => (
              <AreaBoard key={area.id} area={area} board={data} timeZone={timeZone} projectId={project.id} large={large} />
            ))}
            {data.unplaced.length > 0 && (
              <Card size="small" title="Without a location in the site tree">
                <Alert
                  type="info"
                  showIcon
                  message="These permits name their place in text only, so they are not checked for conflicts by place."
                  style={{ marginBottom: 8 }}
                />
                <BoardTimeline
                  permits={data.unplaced}
                  conflicts={conflictsAmong(data.conflicts, data.unplaced)}
                  dayStart={data.day_start}
                  dayEnd={data.day_end}
                  timeZone={timeZone}
                  projectId={project.id}
                  large={large}
                />
              </Card>
            )}
          </>
        )}
        {!large && (
          <Typography.Text type="secondary">
            Open a permit from its bar or pin; the <Link to={projectPath('/permits', project.id)}>permit list</Link> has every
            permit.
          </Typography.Text>
        )}
      </Flex>
    </div>
  );
}
