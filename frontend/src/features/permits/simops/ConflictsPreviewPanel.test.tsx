import { screen, waitFor, within } from '@testing-library/react';
import { Form } from 'antd';
import { describe, expect, it } from 'vitest';
import { callsTo, jsonResponse, mockFetch, sentBody } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { CONFLICTS_PREVIEW_URL } from '../api/simops';
import { ConflictsPreviewPanel, previewBody } from './ConflictsPreviewPanel';
import { conflictFixture } from './testing';

const project = { id: 1, time_zone: 'Europe/London' };
const filled = {
  permit_type: 2,
  location_node: 14,
  planned_start: '2026-11-25T09:00',
  planned_end: '2026-11-25T13:00',
};

function renderPanel(values: Record<string, unknown>, routes: Record<string, () => Response>) {
  const fetchMock = mockFetch(routes);
  renderWithProviders(
    <Form initialValues={values}>
      <Form.Item name="permit_type" hidden />
      <Form.Item name="location_node" hidden />
      <Form.Item name="planned_start" hidden />
      <Form.Item name="planned_end" hidden />
      <ConflictsPreviewPanel project={project} permitId={7} />
    </Form>,
  );
  return fetchMock;
}

describe('previewBody', () => {
  it('asks only with a type, a node and a window that ends after it starts, in the site’s time', () => {
    expect(previewBody(filled, project, 7)).toEqual({
      project: 1,
      permit_type: 2,
      location_node: 14,
      planned_start: '2026-11-25T09:00:00.000Z',
      planned_end: '2026-11-25T13:00:00.000Z',
      permit: 7,
    });
    expect(previewBody({ ...filled, location_node: null }, project, 7)).toBeNull();
    expect(previewBody({ ...filled, planned_end: '2026-11-25T09:00' }, project, undefined)).toBeNull();
  });
});

describe('ConflictsPreviewPanel', () => {
  it('shows each conflict with its effect, the other permit’s number as a link, status, window and reason', async () => {
    const block = conflictFixture();
    const warn = conflictFixture({
      effect: 'warn',
      reason: 'Two hot works in the same unit (Tank farm)',
      other: { id: 32, permit_number: 'PTW-2026-000032', status: 'approved', title: 'Weld bracket' },
    });
    const fetchMock = renderPanel(filled, {
      [`POST ${CONFLICTS_PREVIEW_URL}`]: () => jsonResponse({ results: [warn, block] }),
    });

    const panel = await screen.findByRole('region', { name: 'Conflicts with other work' });
    await within(panel).findByText(block.reason);
    expect(within(panel).getByRole('alert')).toHaveTextContent('1 conflicting permit would block this one');
    const items = within(panel).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    // Blocks first, in red; then the warning, in orange.
    expect(first).toHaveTextContent('Blocks');
    expect(within(first).getByText('Blocks')).toHaveClass('ant-tag-red');
    expect(within(first).getByRole('link', { name: 'PTW-2026-000031' })).toHaveAttribute(
      'href',
      '/permits/31?project=1',
    );
    expect(first).toHaveTextContent('Active');
    expect(first).toHaveTextContent('25 Nov 2026, 08:00–16:00');
    expect(second).toHaveTextContent('Warning');
    expect(within(second).getByText('Warning')).toHaveClass('ant-tag-orange');
    expect(second).toHaveTextContent('Two hot works in the same unit (Tank farm)');
    expect(second).toHaveTextContent('Approved');

    const [call] = callsTo(fetchMock, 'POST', CONFLICTS_PREVIEW_URL);
    expect(sentBody(call?.[1])).toMatchObject({ project: 1, permit_type: 2, location_node: 14, permit: 7 });
  });

  it('asks nothing until a node of the tree is chosen', async () => {
    const fetchMock = renderPanel({ ...filled, location_node: null }, {});

    expect(
      await screen.findByText(/Choose the permit type, a location in the tree and the planned window/),
    ).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(callsTo(fetchMock, 'POST', CONFLICTS_PREVIEW_URL)).toEqual([]);
  });

  it('says when no live permit conflicts', async () => {
    renderPanel(filled, { [`POST ${CONFLICTS_PREVIEW_URL}`]: () => jsonResponse({ results: [] }) });

    await waitFor(() => {
      expect(screen.getByText('No conflicting live permits in this place and window.')).toBeInTheDocument();
    });
  });
});
