import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AreaPermit, AreaPreview, AreaSuspension } from '@/lib/api/models';
import { callsTo, jsonResponse, mockFetch, sentBody } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { AreaSuspendControl } from './AreaSuspendControl';

const PROJECT = { id: 1, name: 'North Plant', time_zone: 'UTC' };
const PREVIEW = '/api/v1/ptw/area-suspensions/preview/';
const ACT = '/api/v1/ptw/area-suspensions/';
const TYPES = '/api/v1/ptw/permit-types/?project=1';
const TYPE = { id: 3, code: 'general', name: 'General work', category: 'general', color: '#888' };

function areaPermit(id: number, status: string, willSuspend: boolean): AreaPermit {
  const number = `PTW-2026-00000${String(id)}`;
  return { id, permit_number: number, title: `Job ${String(id)}`, status, location: 'Tank farm T-3', permit_type: TYPE, will_suspend: willSuspend };
}

const preview: AreaPreview = {
  project: 1,
  will_suspend: 2,
  will_not_suspend: 1,
  permits: [areaPermit(1, 'active', true), areaPermit(2, 'active', true), areaPermit(3, 'approved', false)],
};

const TREE = '/api/v1/ptw/locations/tree/?project=1';
const TANK_FARM = {
  id: 21,
  project: 1,
  parent: null,
  kind: 'area',
  code: 'TF',
  name: 'Tank farm',
  path: 'Tank farm',
  area: 21,
  unit: null,
  plan_x: null,
  plan_y: null,
  plot_plan_url: null,
  is_active: true,
  version: 1,
};

const record: AreaSuspension = {
  id: 9,
  project: 1,
  location_text: 'tank farm',
  location_node: null,
  location_path: null,
  whole_project: false,
  permit_type: null,
  reason: 'Site gas alarm',
  by: { id: 5, name: 'Iris Client' },
  at: '2026-12-03T20:00:00Z',
  finished_at: '2026-12-03T20:00:01Z',
  suspended: 2,
  not_suspended: 1,
  permits: [
    { permit_id: 1, permit_number: 'PTW-2026-000001', from_status: 'active', suspended: true, code: '', message: '' },
    { permit_id: 2, permit_number: 'PTW-2026-000002', from_status: 'active', suspended: true, code: '', message: '' },
    {
      permit_id: 3,
      permit_number: 'PTW-2026-000003',
      from_status: 'approved',
      suspended: false,
      code: 'invalid_transition',
      message: 'An approved permit cannot be suspended.',
    },
  ],
};

function dialog() {
  return within(screen.getByRole('dialog', { name: 'Suspend area' }));
}

async function open() {
  renderWithProviders(<AreaSuspendControl project={PROJECT} />);
  fireEvent.click(screen.getByRole('button', { name: 'Suspend area' }));
  await screen.findByRole('dialog', { name: 'Suspend area' });
}

describe('AreaSuspendControl', () => {
  it('previews the permits of a location, then suspends them and shows what was not suspended and why', async () => {
    const fetchMock = mockFetch({
      [TYPES]: () => jsonResponse([]),
      [TREE]: () => jsonResponse({ project: 1, nodes: [TANK_FARM] }),
      [`POST ${PREVIEW}`]: () => jsonResponse(preview),
      [`POST ${ACT}`]: () => jsonResponse(record, 201),
    });
    await open();
    fireEvent.click(dialog().getByText('A location text'));
    fireEvent.change(dialog().getByLabelText('Location'), { target: { value: ' tank farm ' } });
    fireEvent.change(dialog().getByLabelText('Reason'), { target: { value: 'Site gas alarm' } });
    const suspendButton = dialog().getByRole('button', { name: 'Suspend 0 permits' });
    expect(suspendButton).toBeDisabled();
    fireEvent.click(dialog().getByRole('button', { name: 'Preview' }));

    expect(await dialog().findByText('2 active permits will be suspended.')).toBeInTheDocument();
    expect(dialog().getByText(/1 issued permit has not started and cannot be suspended/)).toBeInTheDocument();
    expect(sentBody(callsTo(fetchMock, 'POST', PREVIEW)[0]?.[1])).toEqual({
      project: 1,
      whole_project: false,
      location_node: null,
      location_text: 'tank farm',
      permit_type: null,
    });
    fireEvent.click(dialog().getByRole('button', { name: 'Suspend 2 permits' }));

    expect(await dialog().findByText('Suspended 2 permits; not suspended 1.')).toBeInTheDocument();
    expect(dialog().getByText('An approved permit cannot be suspended.')).toBeInTheDocument();
    expect(sentBody(callsTo(fetchMock, 'POST', ACT)[0]?.[1])).toEqual({
      project: 1,
      whole_project: false,
      location_node: null,
      location_text: 'tank farm',
      permit_type: null,
      reason: 'Site gas alarm',
    });
  });

  it('suspends the permits at a place of the location tree', async () => {
    const fetchMock = mockFetch({
      [TYPES]: () => jsonResponse([]),
      [TREE]: () => jsonResponse({ project: 1, nodes: [TANK_FARM] }),
      [`POST ${PREVIEW}`]: () => jsonResponse(preview),
    });
    await open();
    fireEvent.mouseDown(dialog().getByRole('combobox', { name: 'Place' }));
    fireEvent.click(await screen.findByTitle('TF — Tank farm'));
    fireEvent.change(dialog().getByLabelText('Reason'), { target: { value: 'Site gas alarm' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Preview' }));
    expect(await dialog().findByText('2 active permits will be suspended.')).toBeInTheDocument();
    expect(sentBody(callsTo(fetchMock, 'POST', PREVIEW)[0]?.[1])).toEqual({
      project: 1,
      whole_project: false,
      location_node: 21,
      location_text: '',
      permit_type: null,
    });
  });

  it('asks for the project name typed before suspending the whole project', async () => {
    const fetchMock = mockFetch({
      [TYPES]: () => jsonResponse([]),
      [TREE]: () => jsonResponse({ project: 1, nodes: [TANK_FARM] }),
      [`POST ${PREVIEW}`]: () => jsonResponse(preview),
      [`POST ${ACT}`]: () => jsonResponse({ ...record, whole_project: true, location_text: '' }, 201),
    });
    await open();
    fireEvent.click(dialog().getByText('The whole project'));
    fireEvent.change(dialog().getByLabelText('Reason'), { target: { value: 'Wind above 38 km/h' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Preview' }));
    const confirm = await dialog().findByLabelText('Project name to confirm');
    const suspendButton = dialog().getByRole('button', { name: 'Suspend 2 permits' });
    expect(suspendButton).toBeDisabled();
    fireEvent.change(confirm, { target: { value: 'North' } });
    expect(suspendButton).toBeDisabled();
    fireEvent.change(confirm, { target: { value: 'North Plant' } });
    expect(suspendButton).toBeEnabled();
    fireEvent.click(suspendButton);
    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', ACT)).toHaveLength(1);
    });
    expect(sentBody(callsTo(fetchMock, 'POST', ACT)[0]?.[1])).toMatchObject({ whole_project: true, location_text: '' });
  });

  it('shows the server’s refusal of the preview', async () => {
    mockFetch({
      [TYPES]: () => jsonResponse([]),
      [TREE]: () => jsonResponse({ project: 1, nodes: [TANK_FARM] }),
      [`POST ${PREVIEW}`]: () =>
        jsonResponse({ error: { code: 'forbidden', message: 'Only a project admin or an issuer may suspend an area.' } }, 403),
    });
    await open();
    fireEvent.click(dialog().getByText('A location text'));
    fireEvent.change(dialog().getByLabelText('Location'), { target: { value: 'jetty' } });
    fireEvent.change(dialog().getByLabelText('Reason'), { target: { value: 'Wind' } });
    fireEvent.click(dialog().getByRole('button', { name: 'Preview' }));
    expect(await dialog().findByText('Only a project admin or an issuer may suspend an area.')).toBeInTheDocument();
  });
});
