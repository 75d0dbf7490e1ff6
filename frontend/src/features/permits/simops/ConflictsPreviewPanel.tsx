import { Alert, Card, Form, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import { wallClockToIso } from '@/lib/time/zonedInput';
import { useConflictsPreview } from '../api/simops';
import type { ConflictsPreviewBody } from './types';
import { ConflictList } from './ConflictList';

/** Typing in the window's fields asks the server once the user pauses, not on every keystroke. */
export const PREVIEW_DELAY_MS = 500;

interface PreviewFields {
  permit_type?: number;
  location_node?: number | null;
  planned_start?: string;
  planned_end?: string;
}

/** The preview request for the form's values, or null while type, node or a valid window is missing. */
export function previewBody(
  values: PreviewFields,
  project: { id: number; time_zone: string },
  permitId: number | undefined,
): ConflictsPreviewBody | null {
  const start = wallClockToIso(values.planned_start ?? '', project.time_zone);
  const end = wallClockToIso(values.planned_end ?? '', project.time_zone);
  if (values.permit_type == null || values.location_node == null || start === null || end === null) return null;
  if (Date.parse(end) <= Date.parse(start)) return null;
  const body: ConflictsPreviewBody = {
    project: project.id,
    permit_type: values.permit_type,
    location_node: values.location_node,
    planned_start: start,
    planned_end: end,
  };
  if (permitId !== undefined) body.permit = permitId;
  return body;
}

function useDebounced<Value>(value: Value, delay: number): Value {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSettled(value);
    }, delay);
    return () => {
      window.clearTimeout(timer);
    };
    // The serialised value decides: a new object with the same content is no change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delay]);
  return settled;
}

interface PanelProps {
  project: { id: number; time_zone: string };
  permitId?: number;
}

/**
 * Inside the permit form: the SIMOPS conflicts this permit would have with other live permits, asked again
 * (debounced) whenever its type, location node or planned window changes.
 */
export function ConflictsPreviewPanel({ project, permitId }: PanelProps) {
  const form = Form.useFormInstance<PreviewFields>();
  const permitType = Form.useWatch('permit_type', form);
  const locationNode = Form.useWatch('location_node', form);
  const plannedStart = Form.useWatch('planned_start', form);
  const plannedEnd = Form.useWatch('planned_end', form);
  const body = useDebounced(
    previewBody(
      { permit_type: permitType, location_node: locationNode, planned_start: plannedStart, planned_end: plannedEnd },
      project,
      permitId,
    ),
    PREVIEW_DELAY_MS,
  );
  const preview = useConflictsPreview(body);
  const conflicts = preview.data?.results ?? [];
  const blocks = conflicts.filter((conflict) => conflict.effect === 'block').length;

  return (
    <Card title="Conflicts with other work (SIMOPS)" size="small">
      <section aria-label="Conflicts with other work" aria-live="polite" aria-busy={preview.isFetching}>
        {body === null ? (
          <Typography.Text type="secondary">
            Choose the permit type, a location in the tree and the planned window to check for conflicting permits.
          </Typography.Text>
        ) : preview.error !== null ? (
          <ErrorAlert error={preview.error} />
        ) : preview.data === undefined ? (
          <Spin aria-label="Checking for conflicts" />
        ) : conflicts.length === 0 ? (
          <Typography.Text>No conflicting live permits in this place and window.</Typography.Text>
        ) : (
          <>
            <Alert
              type={blocks > 0 ? 'error' : 'warning'}
              showIcon
              message={
                blocks > 0
                  ? `${String(blocks)} conflicting permit${blocks === 1 ? '' : 's'} would block this one: it cannot be verified, approved or started while they are live in this window.`
                  : 'The issuer must acknowledge these conflicts when approving.'
              }
              style={{ marginBottom: 8 }}
            />
            <ConflictList conflicts={conflicts} projectId={project.id} timeZone={project.time_zone} />
          </>
        )}
      </section>
    </Card>
  );
}
