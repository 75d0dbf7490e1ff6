import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody } from '@/test/session';
import type { Candidate, Extension, Handover, Permit } from '@/lib/api/models';
import { isoToWallClock, wallClockToIso } from '@/lib/time/zonedInput';
import { permitFixture } from '@/test/permitFixtures';
import { typeDateTime } from '@/test/pickers';
import { minutesFromNow } from '@/test/partFixtures';
import { CONFLICTS_PREVIEW_URL } from '../api/simops';
import { conflictFixture } from '../simops/testing';
import { TimeframesTab } from './TimeframesTab';

const ZONE = 'Europe/London';
const EXTENSIONS = '/api/v1/ptw/permits/7/extensions/';
const HANDOVERS = '/api/v1/ptw/permits/7/handovers/';
const CANDIDATES = '/api/v1/ptw/permits/7/handover-candidates/';
const KEY = /^[0-9a-f-]{36}$/;

const RAVI = { id: 11, name: 'Ravi Menon' };
const ISABEL = { id: 21, name: 'Isabel Clarke' };
const LENA = { id: 31, name: 'Lena Brandt' };

function extensionFixture(overrides: Partial<Extension> = {}): Extension {
  return {
    id: 1,
    status: 'pending',
    requested_by: RAVI,
    requested_at: '2026-11-25T14:00:00Z',
    previous_end: '2026-11-25T16:00:00Z',
    new_end: '2026-11-25T18:00:00Z',
    reason: 'Studs seized; two more hours.',
    crosses_shift: false,
    decided_by: null,
    decided_at: null,
    decision_reason: '',
    controls_reconfirmed: false,
    allowed_actions: ['approve', 'reject'],
    ...overrides,
  };
}

function handoverFixture(overrides: Partial<Handover> = {}): Handover {
  return {
    id: 1,
    outgoing: RAVI,
    incoming: LENA,
    notes: 'Gasket fitted; bolts to torque.',
    handed_at: '2026-11-25T18:00:00Z',
    acknowledged_at: null,
    ...overrides,
  };
}

const approved = extensionFixture({
  id: 1,
  status: 'approved',
  decided_by: ISABEL,
  decided_at: '2026-11-25T14:30:00Z',
  decision_reason: 'Fine for two hours.',
});
const rejected = extensionFixture({
  id: 2,
  status: 'rejected',
  requested_at: '2026-11-25T15:00:00Z',
  previous_end: '2026-11-25T18:00:00Z',
  new_end: '2026-11-26T02:00:00Z',
  reason: 'Finish overnight.',
  crosses_shift: true,
  decided_by: ISABEL,
  decided_at: '2026-11-25T15:10:00Z',
  decision_reason: 'No night work on this unit.',
});
const crossing = extensionFixture({
  id: 3,
  requested_by: { id: 12, name: 'Vera Singh' },
  requested_at: '2026-11-25T17:00:00Z',
  previous_end: '2026-11-25T18:00:00Z',
  new_end: '2026-11-25T22:00:00Z',
  reason: 'Pump alignment overran.',
  crosses_shift: true,
});

const candidates: Candidate[] = [
  { id: 31, name: 'Lena Brandt', company: 'Acme Site Services', grade: 'C' },
];

function renderTab({
  extensions = [approved, rejected, crossing],
  handovers = [] as Handover[],
  permit = permitFixture({ status: 'active', requester: RAVI, planned_end: minutesFromNow(60) }),
  meId = 1,
  readOnly = false,
  routes = {},
}: {
  extensions?: Extension[];
  handovers?: Handover[];
  permit?: Permit;
  meId?: number;
  readOnly?: boolean;
  routes?: Record<string, () => Response>;
} = {}) {
  const fetchMock = mockFetch({
    'GET /api/v1/auth/me/': () => jsonResponse(meBody({ id: meId })),
    [`GET ${EXTENSIONS}`]: () => jsonResponse(extensions),
    [`GET ${HANDOVERS}`]: () => jsonResponse(handovers),
    [`GET ${CANDIDATES}`]: () => jsonResponse(candidates),
    [`POST ${CONFLICTS_PREVIEW_URL}`]: () => jsonResponse({ results: [] }),
    ...routes,
  });
  renderWithProviders(
    <Suspense fallback={null}>
      <TimeframesTab permit={permit} timeZone={ZONE} readOnly={readOnly} />
    </Suspense>,
  );
  return fetchMock;
}

async function row(tableName: string, text: string) {
  const table = await screen.findByRole('table', { name: tableName });
  const found = (await within(table).findByText(text)).closest('tr');
  if (found === null) throw new Error(`no row with ${text}`);
  return within(found);
}

function errorBody(status: number, error: Record<string, unknown>) {
  return () => jsonResponse({ error }, status);
}

describe('TimeframesTab: extensions', () => {
  it('lists each extension with its ends in site time, the shift crossing, its status and decision', async () => {
    renderTab();

    const first = await row('Extensions', 'Studs seized; two more hours.');
    expect(first.getByText('Ravi Menon')).toBeInTheDocument();
    expect(first.getByText('25 Nov 2026, 14:00')).toBeInTheDocument();
    expect(first.getByText('25 Nov 2026, 16:00')).toBeInTheDocument();
    expect(first.getByText('25 Nov 2026, 18:00')).toBeInTheDocument();
    expect(first.getByText('Approved')).toBeInTheDocument();
    expect(first.getByText('Isabel Clarke')).toBeInTheDocument();
    expect(first.getByText('“Fine for two hours.”')).toBeInTheDocument();
    expect(first.queryByText('Crosses into another shift')).not.toBeInTheDocument();
    expect(first.queryByRole('button')).not.toBeInTheDocument();

    const second = await row('Extensions', 'Finish overnight.');
    expect(second.getByText('Rejected')).toBeInTheDocument();
    expect(second.getByText('Crosses into another shift')).toBeInTheDocument();
    expect(second.getByText('26 Nov 2026, 02:00')).toBeInTheDocument();
    expect(second.getByText('“No night work on this unit.”')).toBeInTheDocument();

    const third = await row('Extensions', 'Pump alignment overran.');
    expect(third.getByText('Waiting for a decision')).toBeInTheDocument();
    expect(third.getByRole('button', { name: 'Approve the extension asked by Vera Singh' })).toBeInTheDocument();
    expect(third.getByRole('button', { name: 'Reject the extension asked by Vera Singh' })).toBeInTheDocument();
  });

  it('asks for an extension with the new end typed as site time, under an idempotency key', async () => {
    const fetchMock = renderTab({
      extensions: [],
      routes: { [`POST ${EXTENSIONS}`]: () => jsonResponse(extensionFixture({ id: 9 }), 201) },
    });

    const newEnd = isoToWallClock(minutesFromNow(180), ZONE);
    typeDateTime(await screen.findByLabelText(`New end (${ZONE})`), newEnd);
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: ' Coating needs to cure. ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ask for the extension' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', EXTENSIONS)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', EXTENSIONS)[0] ?? [];
    expect(sentBody(init)).toEqual({ new_end: wallClockToIso(newEnd, ZONE), reason: 'Coating needs to cure.' });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(KEY);
  });

  it('refuses a new end that is not later than the planned end, without asking the server', async () => {
    const fetchMock = renderTab({ extensions: [] });

    typeDateTime(await screen.findByLabelText(`New end (${ZONE})`), isoToWallClock(minutesFromNow(30), ZONE));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'More time.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ask for the extension' }));

    expect(await screen.findByText('Must be later than the current planned end and than now.')).toBeInTheDocument();
    expect(callsTo(fetchMock, 'POST', EXTENSIONS)).toHaveLength(0);
  });

  it('shows the server’s refusal in place when the type allows no extension', async () => {
    renderTab({
      extensions: [],
      routes: {
        [`POST ${EXTENSIONS}`]: errorBody(409, {
          code: 'extension_not_allowed',
          message: "This permit type's closing mode allows no extension.",
        }),
      },
    });

    typeDateTime(await screen.findByLabelText(`New end (${ZONE})`), isoToWallClock(minutesFromNow(180), ZONE));
    fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'More time.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Ask for the extension' }));

    expect(await screen.findByRole('alert')).toHaveTextContent("This permit type's closing mode allows no extension.");
  });

  it('offers no extension form once the permit is no longer live', async () => {
    renderTab({ permit: permitFixture({ status: 'completed' }) });

    await row('Extensions', 'Finish overnight.');
    expect(screen.queryByLabelText(`New end (${ZONE})`)).not.toBeInTheDocument();
    expect(screen.queryByText('Hand over to the next shift')).not.toBeInTheDocument();
  });

  it('offers the extension and handover forms only when the server says the caller may use them', async () => {
    const permit = permitFixture({ status: 'active', planned_end: minutesFromNow(60), can: { extension: false, handover: false, audit_export: false, attach: false, delete_attachments: false } });
    renderTab({ permit });

    await row('Extensions', 'Finish overnight.');
    expect(screen.queryByLabelText(`New end (${ZONE})`)).not.toBeInTheDocument();
    expect(screen.queryByText('Hand over to the next shift')).not.toBeInTheDocument();
  });

  it('approves a shift-crossing extension only once the controls are re-confirmed', async () => {
    const url = `${EXTENSIONS}3/approve/`;
    const fetchMock = renderTab({
      routes: { [`POST ${url}`]: () => jsonResponse({ ...crossing, status: 'approved', decided_by: ISABEL }) },
    });

    fireEvent.click(
      (await row('Extensions', 'Pump alignment overran.')).getByRole('button', {
        name: 'Approve the extension asked by Vera Singh',
      }),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'Approve the extension' }));
    const approve = dialog.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();

    fireEvent.click(dialog.getByRole('checkbox', { name: 'I re-confirmed the controls (and the gas test) for the new shift' }));
    await waitFor(() => {
      expect(approve).toBeEnabled();
    });
    fireEvent.click(approve);

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', url)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', url)[0] ?? [];
    expect(sentBody(init)).toEqual({ controls_reconfirmed: true, reason: '' });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(KEY);
  });

  it('shows the gases still to retest when the server refuses the approval', async () => {
    renderTab({
      routes: {
        [`POST ${EXTENSIONS}3/approve/`]: errorBody(422, {
          code: 'guard_failed',
          message: 'The permit is not ready for this.',
          missing: [{ code: 'gas_retest_required', message: 'The extension crosses into another shift: retest O2, LEL.' }],
        }),
      },
    });

    fireEvent.click(
      (await row('Extensions', 'Pump alignment overran.')).getByRole('button', {
        name: 'Approve the extension asked by Vera Singh',
      }),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'Approve the extension' }));
    fireEvent.click(dialog.getByRole('checkbox'));
    await waitFor(() => {
      expect(dialog.getByRole('button', { name: 'Approve' })).toBeEnabled();
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Approve' }));

    const alert = await dialog.findByRole('alert');
    expect(alert).toHaveTextContent('The permit is not ready for this.');
    expect(alert).toHaveTextContent('The extension crosses into another shift: retest O2, LEL.');
  });

  it('approves an extension within the shift without the re-confirmation', async () => {
    const pending = extensionFixture({ id: 4 });
    const url = `${EXTENSIONS}4/approve/`;
    const fetchMock = renderTab({
      extensions: [pending],
      routes: { [`POST ${url}`]: () => jsonResponse({ ...pending, status: 'approved' }) },
    });

    fireEvent.click(
      (await row('Extensions', 'Studs seized; two more hours.')).getByRole('button', {
        name: 'Approve the extension asked by Ravi Menon',
      }),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'Approve the extension' }));
    // Held until the new window is checked for conflicts (none here).
    await waitFor(() => {
      expect(dialog.getByRole('button', { name: 'Approve' })).toBeEnabled();
    });
    expect(dialog.queryByRole('checkbox')).not.toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Approve' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', url)).toHaveLength(1);
    });
    expect(sentBody(callsTo(fetchMock, 'POST', url)[0]?.[1])).toEqual({ reason: '' });
  });

  it('approves into warn conflicts of the new window only once they are acknowledged with a comment', async () => {
    const pending = extensionFixture({ id: 4 });
    const url = `${EXTENSIONS}4/approve/`;
    const permit = permitFixture({ status: 'active', requester: RAVI, planned_end: minutesFromNow(60) });
    const warn = conflictFixture({ effect: 'warn', reason: 'Two hot works in the same unit (Tank farm)' });
    const acknowledged = conflictFixture({
      effect: 'warn',
      reason: 'Work at height in the same unit (Tank farm)',
      other: { id: 33, permit_number: 'PTW-2026-000033' },
      acknowledged: { by: ISABEL, at: '2026-11-25T10:00:00Z', comment: 'Barriers' },
    });
    const fetchMock = renderTab({
      extensions: [pending],
      permit,
      routes: {
        [`POST ${CONFLICTS_PREVIEW_URL}`]: () => jsonResponse({ results: [warn, acknowledged] }),
        [`POST ${url}`]: () => jsonResponse({ ...pending, status: 'approved' }),
      },
    });

    fireEvent.click(
      (await row('Extensions', 'Studs seized; two more hours.')).getByRole('button', {
        name: 'Approve the extension asked by Ravi Menon',
      }),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'Approve the extension' }));
    const section = within(await dialog.findByRole('region', { name: 'Conflicts to acknowledge' }));
    expect(section.getByRole('alert')).toHaveTextContent('conflicts with 1 other live permit. Approve the extension');
    expect(section.getAllByRole('listitem')).toHaveLength(1);
    expect(section.getByText(warn.reason)).toBeInTheDocument();
    // The conflicts are asked for the permit in the window the extension gives it.
    expect(sentBody(callsTo(fetchMock, 'POST', CONFLICTS_PREVIEW_URL)[0]?.[1])).toEqual({
      project: permit.project,
      permit_type: permit.permit_type.id,
      location_node: permit.location_node?.id ?? null,
      planned_start: permit.planned_start,
      planned_end: pending.new_end,
      permit: permit.id,
    });
    const approve = dialog.getByRole('button', { name: 'Approve' });
    expect(approve).toBeDisabled();
    fireEvent.click(section.getByRole('checkbox', { name: 'I have considered these conflicts' }));
    expect(approve).toBeDisabled(); // and a comment
    fireEvent.change(dialog.getByLabelText('Comment on the conflicts'), { target: { value: ' Screens up. ' } });
    await waitFor(() => {
      expect(approve).toBeEnabled();
    });
    fireEvent.click(approve);
    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', url)).toHaveLength(1);
    });
    expect(sentBody(callsTo(fetchMock, 'POST', url)[0]?.[1])).toEqual({
      reason: 'Screens up.',
      acknowledge_conflicts: true,
      comment: 'Screens up.',
    });
  });

  it('rejects only with a reason', async () => {
    const url = `${EXTENSIONS}3/reject/`;
    const fetchMock = renderTab({
      routes: { [`POST ${url}`]: () => jsonResponse({ ...crossing, status: 'rejected', decided_by: ISABEL }) },
    });

    fireEvent.click(
      (await row('Extensions', 'Pump alignment overran.')).getByRole('button', {
        name: 'Reject the extension asked by Vera Singh',
      }),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'Reject the extension' }));
    const reject = dialog.getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();

    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: ' Night shift is short-staffed. ' } });
    await waitFor(() => {
      expect(reject).toBeEnabled();
    });
    fireEvent.click(reject);

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', url)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', url)[0] ?? [];
    expect(sentBody(init)).toEqual({ reason: 'Night shift is short-staffed.' });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(KEY);
  });

  it('shows a refusal of someone who is not an issuer in the dialog', async () => {
    renderTab({
      routes: {
        [`POST ${EXTENSIONS}3/reject/`]: errorBody(403, {
          code: 'forbidden',
          message: 'Only an issuer of this project may do this.',
        }),
      },
    });

    fireEvent.click(
      (await row('Extensions', 'Pump alignment overran.')).getByRole('button', {
        name: 'Reject the extension asked by Vera Singh',
      }),
    );
    const dialog = within(await screen.findByRole('dialog', { name: 'Reject the extension' }));
    fireEvent.change(dialog.getByLabelText('Reason'), { target: { value: 'No.' } });
    await waitFor(() => {
      expect(dialog.getByRole('button', { name: 'Reject' })).toBeEnabled();
    });
    fireEvent.click(dialog.getByRole('button', { name: 'Reject' }));

    expect(await dialog.findByRole('alert')).toHaveTextContent('Only an issuer of this project may do this.');
  });

  it('offers on each extension only the decisions the server lists for the caller', async () => {
    renderTab({
      extensions: [
        extensionFixture({ id: 4, reason: 'Asked by me.', allowed_actions: [] }),
        extensionFixture({ id: 5, reason: 'Permit no longer live.', allowed_actions: ['reject'] }),
      ],
    });

    const mine = await row('Extensions', 'Asked by me.');
    expect(mine.queryByRole('button')).not.toBeInTheDocument();
    const ended = await row('Extensions', 'Permit no longer live.');
    expect(ended.queryByRole('button', { name: /^Approve/ })).not.toBeInTheDocument();
    expect(ended.getByRole('button', { name: /^Reject/ })).toBeInTheDocument();
  });
});

describe('TimeframesTab: handovers', () => {
  it('lists handovers with who handed to whom and whether they were acknowledged', async () => {
    renderTab({
      handovers: [
        handoverFixture({ id: 1, acknowledged_at: '2026-11-25T18:05:00Z', notes: 'Day shift done.' }),
        handoverFixture({ id: 2, outgoing: LENA, incoming: RAVI, handed_at: '2026-11-26T06:00:00Z', notes: 'Night shift done.' }),
      ],
    });

    const first = await row('Handovers', 'Day shift done.');
    expect(first.getByText('25 Nov 2026, 18:00')).toBeInTheDocument();
    expect(first.getByText('Taken over')).toBeInTheDocument();
    expect(first.getByText('25 Nov 2026, 18:05')).toBeInTheDocument();
    const second = await row('Handovers', 'Night shift done.');
    expect(second.getByText('Waiting for Ravi Menon to acknowledge')).toBeInTheDocument();
    expect(second.queryByRole('button')).not.toBeInTheDocument();
  });

  it('hands the permit over to a person the server lists as eligible, with notes', async () => {
    const fetchMock = renderTab({
      routes: { [`POST ${HANDOVERS}`]: () => jsonResponse(handoverFixture({ id: 5 }), 201) },
    });

    const incoming = await screen.findByRole('combobox', { name: 'Incoming performing authority' });
    fireEvent.mouseDown(incoming);
    fireEvent.click(await screen.findByTitle('Lena Brandt — Acme Site Services, grade C'));
    fireEvent.change(screen.getByLabelText('Handover notes'), { target: { value: ' Bolts to torque. ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hand over' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', HANDOVERS)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', HANDOVERS)[0] ?? [];
    expect(sentBody(init)).toEqual({ incoming_id: 31, notes: 'Bolts to torque.' });
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(KEY);
  });

  it('shows why the chosen person may not take the permit on the field', async () => {
    renderTab({
      routes: {
        [`POST ${HANDOVERS}`]: errorBody(400, {
          code: 'invalid',
          message: 'Check the highlighted fields.',
          fields: { incoming_id: ["The permit's verifier or issuer cannot become its performing authority."] },
        }),
      },
    });

    fireEvent.mouseDown(await screen.findByRole('combobox', { name: 'Incoming performing authority' }));
    fireEvent.click(await screen.findByTitle('Lena Brandt — Acme Site Services, grade C'));
    fireEvent.change(screen.getByLabelText('Handover notes'), { target: { value: 'Over to you.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Hand over' }));

    expect(
      await screen.findByText("The permit's verifier or issuer cannot become its performing authority."),
    ).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Check the highlighted fields.');
  });

  it('offers the hand-over form only while the permit is active', async () => {
    renderTab({ permit: permitFixture({ status: 'suspended', planned_end: minutesFromNow(60) }) });

    expect(await screen.findByLabelText(`New end (${ZONE})`)).toBeInTheDocument();
    expect(screen.queryByText('Hand over to the next shift')).not.toBeInTheDocument();
  });

  it('lets the incoming person acknowledge and take the permit over', async () => {
    const url = `${HANDOVERS}1/acknowledge/`;
    const fetchMock = renderTab({
      meId: LENA.id,
      handovers: [handoverFixture()],
      routes: { [`POST ${url}`]: () => jsonResponse(handoverFixture({ acknowledged_at: '2026-11-25T18:10:00Z' })) },
    });

    fireEvent.click(
      (await row('Handovers', 'Gasket fitted; bolts to torque.')).getByRole('button', { name: 'Acknowledge and take over' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Take over' }));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', url)).toHaveLength(1);
    });
    const [, init] = callsTo(fetchMock, 'POST', url)[0] ?? [];
    expect(sentHeaders(init).get('Idempotency-Key')).toMatch(KEY);
  });

  it('offers anyone else no acknowledgement of someone else’s handover', async () => {
    renderTab({ handovers: [handoverFixture()] });

    const pending = await row('Handovers', 'Gasket fitted; bolts to torque.');
    expect(pending.getByText('Waiting for Lena Brandt to acknowledge')).toBeInTheDocument();
    expect(pending.queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('TimeframesTab for a viewer', () => {
  it('offers no forms and no buttons', async () => {
    renderTab({ readOnly: true, meId: LENA.id, handovers: [handoverFixture()] });

    await row('Extensions', 'Pump alignment overran.');
    await row('Handovers', 'Gasket fitted; bolts to torque.');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryByLabelText(`New end (${ZONE})`)).not.toBeInTheDocument();
    expect(screen.queryByText('Ask for an extension')).not.toBeInTheDocument();
    expect(screen.queryByText('Hand over to the next shift')).not.toBeInTheDocument();
    expect(screen.getByText('Waiting for Lena Brandt to acknowledge')).toBeInTheDocument();
  });
});
