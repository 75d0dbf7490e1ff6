import { Alert, Card, Flex, Typography } from 'antd';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useGasTests } from '../api/gasTests';
import { useProject } from '../api/project';
import { statusInfo } from '@/lib/permits/status';
import { configuredGases, DEFAULT_CALIBRATION_MAX_AGE_DAYS } from './gas';
import { GasTestForm } from './GasTestForm';
import { GasTestTable } from './GasTestTable';
import { RequirementNotes } from './RequirementNotes';
import type { PartTabProps } from './types';

const GAS_CODES = ['gas_test_missing', 'gas_test_unsafe', 'gas_test_stale'] as const;

function settings(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** The permit's gas tests: a reading form for those who may record, and every reading as judged. */
export function GasTestsTab({ permit, type, readiness, timeZone, readOnly }: PartTabProps) {
  const tests = useGasTests(permit.id);
  const project = useProject(permit.project);
  const ptwSettings = settings(project.data?.ptw_settings);
  const maxAge = Number(ptwSettings.calibration_max_age_days ?? DEFAULT_CALIBRATION_MAX_AGE_DAYS);
  const gases = configuredGases(ptwSettings.gas_limits, type?.gas_limits);
  const closed = statusInfo(permit.status ?? '').terminal;
  const required = type?.gas_tests_required ?? [];

  return (
    <Flex vertical gap="middle">
      {readiness?.requires.gas_test === true && (
        <Typography.Paragraph style={{ margin: 0 }}>
          This permit type requires gas testing{required.length > 0 ? ` (${required.join(', ')})` : ''}; the latest
          reading of each gas must pass and be fresh.
        </Typography.Paragraph>
      )}
      <RequirementNotes readiness={readiness} codes={GAS_CODES} />
      {readiness?.records.gas_test?.allowed === false && (
        <Alert
          type="error"
          showIcon
          message="You cannot record a gas test on this permit"
          description={readiness.records.gas_test.missing.map((item) => item.message).join(' ')}
        />
      )}
      {!readOnly && !closed && (
        <Card size="small" title="Record a reading">
          <GasTestForm
            permitId={permit.id}
            gases={gases}
            defaultLocation={permit.location}
            calibrationMaxAgeDays={Number.isFinite(maxAge) ? maxAge : DEFAULT_CALIBRATION_MAX_AGE_DAYS}
            timeZone={timeZone}
          />
        </Card>
      )}
      {tests.error !== null && <ErrorAlert error={tests.error} />}
      <GasTestTable tests={tests.data ?? []} loading={tests.isPending} timeZone={timeZone} />
    </Flex>
  );
}
