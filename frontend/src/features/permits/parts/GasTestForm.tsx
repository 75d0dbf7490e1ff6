import { Alert, Button, Col, Form, Input, Row, Select } from 'antd';
import { useRef, useState } from 'react';
import { useRecordGasTest } from '../api/gasTests';
import { useWriteIntent } from '@/lib/api/idempotency';
import { isOffline } from '@/lib/offline/online';
import { SAVED_ON_DEVICE, useFieldRecorder, usePermitVersionReader } from '@/lib/offline/useFieldRecords';
import type { GasTest, GasTestBody } from '@/lib/api/models';
import { ErrorAlert } from '@/components/ErrorAlert';
import { isoToWallClock, wallClockToIso } from '@/lib/time/zonedInput';
import { calibrationProblem, describeLimit, GAS_UNITS, GAS_VALUE_PATTERN } from './gas';
import { placeFieldErrors } from '@/lib/forms/formErrors';
import { WallClockPicker } from '@/components/WallClockPicker';
import { DayPicker } from '@/components/DayPicker';

const FIELDS = ['gas', 'value', 'unit', 'instrument_id', 'calibrated_on', 'location', 'tested_at'] as const;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

interface GasTestValues {
  gas?: string;
  value?: string;
  unit?: string;
  instrument_id?: string;
  calibrated_on?: string;
  location?: string;
  tested_at?: string;
}

export interface GasTestFormProps {
  permitId: number;
  /** The gases the permit may record, in test order, with the unit each is measured in. */
  gases: readonly { gas: string; unit: string }[];
  defaultLocation: string;
  calibrationMaxAgeDays: number;
  timeZone: string;
}

function todayOnSite(timeZone: string): string {
  return isoToWallClock(new Date().toISOString(), timeZone).slice(0, 10);
}

function bodyOf(values: GasTestValues, timeZone: string): GasTestBody {
  const body: GasTestBody = {
    gas: values.gas ?? '',
    value: (values.value ?? '').trim(),
    unit: values.unit ?? '',
    instrument_id: (values.instrument_id ?? '').trim(),
    calibrated_on: values.calibrated_on ?? '',
    location: (values.location ?? '').trim(),
  };
  const testedAt = values.tested_at ? wallClockToIso(values.tested_at, timeZone) : null;
  if (testedAt !== null) body.tested_at = testedAt;
  return body;
}

function ResultAlert({ test }: { test: GasTest }) {
  const reading = `${test.gas} ${test.value} ${test.unit}`;
  const limit = describeLimit(test.limit);
  return test.result === 'pass' ? (
    <Alert type="success" showIcon role="status" message={`${reading}: pass (limit ${limit}).`} />
  ) : (
    <Alert
      type="error"
      showIcon
      role="status"
      message={`${reading}: FAIL (limit ${limit}).`}
      description="The atmosphere is unsafe: work must not proceed. Active work under this permit is suspended at once."
    />
  );
}

/**
 * Records one gas reading. The checks mirror the server's (configured gas, its unit, the value's
 * format, the instrument's calibration age, no future times); the server judges the reading.
 */
export function GasTestForm({ permitId, gases, defaultLocation, calibrationMaxAgeDays, timeZone }: GasTestFormProps) {
  const [form] = Form.useForm<GasTestValues>();
  const record = useRecordGasTest(permitId);
  const intent = useWriteIntent();
  const [placed, setPlaced] = useState<string[]>([]);
  const [recorded, setRecorded] = useState<GasTest | null>(null);
  const unitOf = (gas: string | undefined) => gases.find((candidate) => candidate.gas === gas)?.unit;
  const firstGas = gases[0];

  const recorder = useFieldRecorder(permitId);
  const permitVersion = usePermitVersionReader(permitId);
  const [kept, setKept] = useState<string | null>(null);
  const [keepError, setKeepError] = useState<Error | null>(null);
  // The time a reading was entered, kept while the same reading is tried again: it is when it was measured.
  const entered = useRef<{ key: string; at: string } | null>(null);

  const readyForNext = (gas: string) => {
    // The next reading is usually the next gas in test order, with the same instrument.
    const index = gases.findIndex((candidate) => candidate.gas === gas);
    const next = gases[index + 1];
    form.setFieldsValue({ value: undefined, tested_at: undefined, ...(next ? { gas: next.gas, unit: next.unit } : {}) });
  };

  /** Keeps the reading on the device, to be sent (with the same key and body) when signal returns. */
  const keep = (body: GasTestBody, idempotencyKey: string) => {
    const { permit_version: version, ...rest } = body;
    recorder({
      kind: 'gas-test',
      summary: `${body.gas} ${body.value} ${body.unit}`,
      body: rest,
      idempotencyKey,
      permitVersion: version,
    }).then(
      () => {
        intent.renew();
        record.reset();
        setKept(`${body.gas} ${body.value} ${body.unit}`);
        readyForNext(body.gas);
      },
      (error: unknown) => {
        setKeepError(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };

  const submit = (values: GasTestValues) => {
    const given = bodyOf(values, timeZone);
    const idempotencyKey = intent.keyFor(given);
    if (entered.current?.key !== idempotencyKey) entered.current = { key: idempotencyKey, at: new Date().toISOString() };
    const version = permitVersion();
    const body: GasTestBody = {
      ...given,
      tested_at: given.tested_at ?? entered.current.at,
      ...(version === undefined ? {} : { permit_version: version }),
    };
    setRecorded(null);
    setKept(null);
    setKeepError(null);
    setPlaced([]);
    if (isOffline()) {
      keep(body, idempotencyKey);
      return;
    }
    record.mutate(
      { body, idempotencyKey },
      {
        onSuccess: (test) => {
          intent.settle(null);
          setRecorded(test);
          readyForNext(test.gas);
        },
        onError: (error) => {
          if (isOffline(error)) {
            keep(body, idempotencyKey);
            return;
          }
          intent.settle(error);
          setPlaced(placeFieldErrors(form, error, FIELDS));
        },
      },
    );
  };

  return (
    <Form<GasTestValues>
      form={form}
      name={`gas-test-${String(permitId)}`}
      layout="vertical"
      initialValues={{ gas: firstGas?.gas, unit: firstGas?.unit, location: defaultLocation }}
      onValuesChange={(changed: GasTestValues) => {
        const unit = unitOf(changed.gas);
        if (changed.gas !== undefined && unit !== undefined) form.setFieldsValue({ unit });
      }}
      onFinish={submit}
      disabled={record.isPending}
      requiredMark
    >
      <Row gutter={16}>
        <Col xs={24} sm={8} lg={4}>
          <Form.Item name="gas" label="Gas" rules={[{ required: true, message: 'Choose the gas.' }]}>
            <Select options={gases.map(({ gas }) => ({ value: gas, label: gas }))} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Form.Item
            name="value"
            label="Reading"
            rules={[
              { required: true, whitespace: true, message: 'Give the reading.' },
              {
                validator: (_rule, value: string | undefined) =>
                  value === undefined || value.trim() === '' || GAS_VALUE_PATTERN.test(value.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error('A number with at most 6 digits and 2 decimals.')),
              },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={8} lg={4}>
          <Form.Item
            name="unit"
            label="Unit"
            dependencies={['gas']}
            rules={[
              { required: true, message: 'Choose the unit.' },
              ({ getFieldValue }) => ({
                validator: (_rule, value: string | undefined) => {
                  const gas = getFieldValue('gas') as string | undefined;
                  const expected = unitOf(gas);
                  return value === undefined || expected === undefined || value === expected
                    ? Promise.resolve()
                    : Promise.reject(new Error(`${gas ?? 'This gas'} is measured in ${expected}.`));
                },
              }),
            ]}
          >
            <Select options={GAS_UNITS.map((unit) => ({ value: unit, label: unit }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item
            name="instrument_id"
            label="Instrument id"
            rules={[
              { required: true, whitespace: true, message: 'Give the instrument’s id.' },
              { max: 60, message: 'At most 60 characters.' },
            ]}
          >
            <Input maxLength={60} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item
            name="calibrated_on"
            label="Calibrated on"
            rules={[
              { required: true, message: 'Give the instrument’s calibration date.' },
              {
                validator: (_rule, value: string | undefined) => {
                  const problem =
                    value === undefined || value === ''
                      ? null
                      : calibrationProblem(value, todayOnSite(timeZone), calibrationMaxAgeDays);
                  return problem === null ? Promise.resolve() : Promise.reject(new Error(problem));
                },
              },
            ]}
          >
            <DayPicker />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={12}>
          <Form.Item
            name="location"
            label="Where measured"
            rules={[
              { required: true, whitespace: true, message: 'Give where the reading was taken.' },
              { max: 200, message: 'At most 200 characters.' },
            ]}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item
            name="tested_at"
            label={`Tested at (${timeZone})`}
            extra="Leave empty for now."
            rules={[
              {
                validator: (_rule, value: string | undefined) => {
                  if (value === undefined || value === '') return Promise.resolve();
                  const iso = wallClockToIso(value, timeZone);
                  if (iso === null) return Promise.reject(new Error('Give a date and time.'));
                  return Date.parse(iso) > Date.now() + FUTURE_TOLERANCE_MS
                    ? Promise.reject(new Error('A test cannot be in the future.'))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <WallClockPicker />
          </Form.Item>
        </Col>
      </Row>
      {record.error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={record.error} shownFields={placed} />
        </div>
      )}
      {recorded !== null && (
        <div style={{ marginBottom: 16 }}>
          <ResultAlert test={recorded} />
        </div>
      )}
      {kept !== null && (
        <Alert
          type="info"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          message={`${kept}: ${SAVED_ON_DEVICE}`}
          description="The server judges the reading when it arrives, by its measured time."
        />
      )}
      {keepError !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={keepError} />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={record.isPending}>
        Record reading
      </Button>
    </Form>
  );
}
