import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, sentBody, sentHeaders } from '@/test/fetch';
import { typeFixture } from '@/test/permitFixtures';
import { renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes } from '@/test/session';
import type { Me } from '@/lib/session';
import { permitTypeListUrl, permitTypeUrl, type AdminPermitType } from './api';

const projectAdmin = (): Me => meBody({ memberships: [{ ...northPlant, role: 'project_admin' }] });
const tenantAdmin = (): Me => meBody({ is_tenant_admin: true });

function hotWork(overrides: Partial<AdminPermitType> = {}): AdminPermitType {
  return typeFixture({
    id: 2,
    code: 'hot-work',
    name: 'Hot work',
    category: 'hot_work',
    color: '#d4380d',
    project: 1,
    in_use: 3,
    mandatory_ppe: ['Welding gloves'],
    checklist: [{ key: 'area_wet', label: 'Area wetted down', required: true }],
    form_fields: [{ key: 'fire_watcher', label: 'Fire watcher', type: 'text', required: true, options: [] }],
    ...overrides,
  });
}

function renderAt(route: string, me: Me, routes: Record<string, () => Response>) {
  const fetchMock = mockFetch({ ...sessionRoutes(me), ...routes });
  renderWithProviders(<AppRoutes />, { route });
  return fetchMock;
}

const EDITOR = permitTypeUrl(2, 1);

async function editor(type = hotWork(), me = projectAdmin(), routes: Record<string, () => Response> = {}) {
  const fetchMock = renderAt('/admin/permit-types/2?project=1', me, { [`GET ${EDITOR}`]: () => jsonResponse(type), ...routes });
  await screen.findByRole('heading', { level: 2, name: type.name });
  return fetchMock;
}

function preview() {
  return within(screen.getByRole('region', { name: 'Preview of the permit form' }));
}

function section(name: string) {
  return within(screen.getByRole('region', { name }));
}

async function addRequiredItem(label: string, key: string) {
  fireEvent.click(section('Safety checklist').getByRole('button', { name: 'Add item' }));
  fireEvent.change(await section('Safety checklist').findByLabelText('Item 2 key'), { target: { value: key } });
  fireEvent.change(section('Safety checklist').getByLabelText('Item 2 label'), { target: { value: label } });
}

describe('Permit types list', () => {
  it('shows each type with its colour, category, in-use count and state, linking to its editor', async () => {
    const retired = typeFixture({ id: 3, name: 'Excavation', category: 'excavation', retired: true, is_active: false });
    renderAt('/admin/permit-types?project=1', projectAdmin(), {
      [`GET ${permitTypeListUrl(1)}`]: () => jsonResponse([hotWork({ overridden: ['checklist'] }), retired]),
    });

    const table = await screen.findByRole('table', { name: 'Permit types' });
    const row = (await within(table).findByRole('link', { name: 'Edit Hot work' })).closest('tr');
    if (row === null) throw new Error('no row');
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      'Hot work',
      'hot_work',
      'Manual (closed by people, no extensions); 12 h',
      '3',
      'In service1 override',
    ]);
    expect(within(table).getByRole('link', { name: 'Edit Hot work' })).toHaveAttribute(
      'href',
      '/admin/permit-types/2?project=1',
    );
    expect(within(within(table).getByText('Excavation').closest('tr') as HTMLElement).getByText('Retired')).toBeVisible();
    expect(screen.queryByRole('radiogroup')).not.toBeInTheDocument();
  });

  it('tells a member that only admins change types, without asking the server for the admin list', async () => {
    const fetchMock = renderAt('/admin/permit-types?project=1', meBody(), {});

    expect(await screen.findByText('Only a project admin or a tenant admin can change permit types.')).toBeVisible();
    expect(callsTo(fetchMock, 'GET', permitTypeListUrl(1))).toHaveLength(0);
  });

  it('lets a tenant admin switch to the tenant-wide types', async () => {
    const fetchMock = renderAt('/admin/permit-types?project=1', tenantAdmin(), {
      [`GET ${permitTypeListUrl(1)}`]: () => jsonResponse([hotWork()]),
      [`GET ${permitTypeListUrl('tenant')}`]: () => jsonResponse([hotWork({ project: null, in_use: 9 })]),
    });
    await screen.findByRole('table', { name: 'Permit types' });

    fireEvent.click(screen.getByText('Tenant-wide type'));

    await waitFor(() => {
      expect(callsTo(fetchMock, 'GET', permitTypeListUrl('tenant'))).toHaveLength(1);
    });
    expect(await screen.findByRole('link', { name: 'Edit Hot work' })).toHaveAttribute(
      'href',
      '/admin/permit-types/2?scope=tenant&project=1',
    );
    expect(screen.getByRole('button', { name: /New permit type/ })).toBeVisible();
  });
});

// The editor draws a whole permit type form and its preview: on a loaded machine a test takes longer than most.
describe('Permit type editor', { timeout: 60_000 }, () => {
  it('previews a new required checklist item at once and saves only the checklist with If-Match', async () => {
    const saved = hotWork({
      version: 2,
      overridden: ['checklist'],
      checklist: [...hotWork().checklist, { key: 'spark_screens', label: 'Spark screens up', required: true }],
    });
    const fetchMock = await editor(hotWork(), projectAdmin(), { [`PATCH ${EDITOR}`]: () => jsonResponse(saved) });
    expect(preview().getByRole('checkbox', { name: 'Area wetted down (required)' })).toBeInTheDocument();
    expect(preview().getByLabelText('Fire watcher')).toBeInTheDocument();
    expect(preview().getByRole('checkbox', { name: 'Welding gloves' })).toBeInTheDocument();

    await addRequiredItem('Spark screens up', 'spark_screens');

    expect(await preview().findByRole('checkbox', { name: 'Spark screens up (required)' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save for this project' }));

    expect(await screen.findByText('Saved for North Plant: the next permit of this type there uses it.')).toBeVisible();
    const [call] = callsTo(fetchMock, 'PATCH', EDITOR);
    expect(sentHeaders(call?.[1]).get('If-Match')).toBe('"1"');
    expect(sentBody(call?.[1])).toEqual({
      checklist: [
        { key: 'area_wet', label: 'Area wetted down', required: true },
        { key: 'spark_screens', label: 'Spark screens up', required: true },
      ],
    });
    expect(screen.getByText('North Plant overrides: Safety checklist')).toBeVisible();
  });

  it('previews a choice field with its options, and a new field as it is typed', async () => {
    const method = { key: 'method', label: 'Method', type: 'select', required: false, options: ['Welding', 'Cutting'] };
    await editor(hotWork({ form_fields: [...hotWork().form_fields, method] }));
    const fields = section('Template fields');
    expect(fields.getAllByLabelText('Options')).toHaveLength(1);

    fireEvent.mouseDown(await preview().findByRole('combobox', { name: 'Method' }));
    const offered = await screen.findByRole('listbox');
    await waitFor(() => {
      expect(document.querySelectorAll('.ant-select-item-option')).toHaveLength(2);
    });
    expect(offered).toBeInTheDocument();
    expect([...document.querySelectorAll('.ant-select-item-option')].map((item) => item.textContent)).toEqual([
      'Welding',
      'Cutting',
    ]);

    fireEvent.click(fields.getByRole('button', { name: 'Add field' }));
    const card = (await screen.findByText('Field 3')).closest<HTMLElement>('.ant-card');
    if (card === null) throw new Error('no card for field 3');
    const added = within(card);
    fireEvent.change(added.getByLabelText('Key'), { target: { value: 'nozzle' } });
    fireEvent.change(added.getByLabelText('Label'), { target: { value: 'Nozzle size' } });
    expect(await preview().findByLabelText('Nozzle size')).toHaveAttribute('type', 'text');
  });

  it('says when nothing changed and sends nothing', async () => {
    const fetchMock = await editor();

    fireEvent.click(screen.getByRole('button', { name: 'Save for this project' }));

    expect(await screen.findByText('Nothing changed: there is nothing to save.')).toBeVisible();
    expect(callsTo(fetchMock, 'PATCH', EDITOR)).toHaveLength(0);
  });

  it('opens the conflict dialog on a stale version and re-applies on top of the current one', async () => {
    const current = hotWork({ version: 4, max_validity_hours: 6 });
    let answers = 0;
    const fetchMock = await editor(hotWork(), projectAdmin(), {
      [`PATCH ${EDITOR}`]: () => {
        answers += 1;
        return answers === 1
          ? jsonResponse({ error: { code: 'version_conflict', message: 'Changed meanwhile.', current } }, 409)
          : jsonResponse(hotWork({ version: 5, overridden: ['checklist'] }));
      },
    });

    await addRequiredItem('Spark screens up', 'spark_screens');
    fireEvent.click(screen.getByRole('button', { name: 'Save for this project' }));

    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('This permit type was changed by someone else')).toBeInTheDocument();
    expect(dialog.getByText(/Version 4 of Hot work on North Plant was saved/)).toBeInTheDocument();
    expect(dialog.getByRole('cell', { name: 'Area wetted down (required); Spark screens up (required)' })).toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Re-apply my changes' }));

    expect(await screen.findByText('Your changes were saved on top of version 4.')).toBeVisible();
    const calls = callsTo(fetchMock, 'PATCH', EDITOR);
    expect(calls.map((call) => sentHeaders(call[1]).get('If-Match'))).toEqual(['"1"', '"4"']);
    expect(sentBody(calls[1]?.[1])).toEqual(sentBody(calls[0]?.[1]));
  });

  it('resets an overridden field to the tenant-wide value', async () => {
    const fetchMock = await editor(hotWork({ version: 3, overridden: ['max_validity_hours'] }), projectAdmin(), {
      [`PATCH ${EDITOR}`]: () => jsonResponse(hotWork({ version: 4 })),
    });

    fireEvent.click(screen.getByRole('button', { name: 'Reset maximum validity (hours)' }));

    expect(await screen.findByText('Maximum validity (hours): back to the tenant-wide value.')).toBeVisible();
    const [call] = callsTo(fetchMock, 'PATCH', EDITOR);
    expect(sentBody(call?.[1])).toEqual({ reset: ['max_validity_hours'] });
    expect(sentHeaders(call?.[1]).get('If-Match')).toBe('"3"');
  });

  it('keeps tenant-only fields read-only on a project and shows the server’s field errors', async () => {
    await editor(hotWork(), projectAdmin(), {
      [`PATCH ${EDITOR}`]: () =>
        jsonResponse(
          { error: { code: 'invalid', message: 'Check the fields.', fields: { min_workers: ['Too many.'] } } },
          400,
        ),
    });
    expect(section('General').getByLabelText('Name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Retire' })).not.toBeInTheDocument();

    fireEvent.change(section('Requirements').getByLabelText('Minimum workers'), { target: { value: '150' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save for this project' }));

    expect(await screen.findByText('Too many.')).toBeInTheDocument();
  });

  it('lets a tenant admin retire the tenant-wide type', async () => {
    const tenantUrl = permitTypeUrl(2, 'tenant');
    const retireUrl = permitTypeUrl(2, 'tenant', 'retire/');
    const fetchMock = renderAt('/admin/permit-types/2?project=1&scope=tenant', tenantAdmin(), {
      [`GET ${tenantUrl}`]: () => jsonResponse(hotWork({ project: null, version: 7 })),
      [`POST ${retireUrl}`]: () =>
        jsonResponse(hotWork({ project: null, version: 8, retired: true, is_active: false })),
    });
    await screen.findByRole('heading', { level: 2, name: 'Hot work' });
    expect(section('General').getByLabelText('Name')).toBeEnabled();

    fireEvent.click(screen.getByRole('button', { name: 'Retire' }));
    await waitFor(() => {
      expect(screen.getAllByRole('button', { name: 'Retire' })).toHaveLength(2);
    });
    const [, confirm] = screen.getAllByRole('button', { name: 'Retire' });
    if (confirm === undefined) throw new Error('no confirmation');
    fireEvent.click(confirm);

    expect(await screen.findByText('Retired: no new permit may use it; permits that have it keep it.')).toBeVisible();
    const [call] = callsTo(fetchMock, 'POST', retireUrl);
    expect(sentHeaders(call?.[1]).get('If-Match')).toBe('"7"');
    expect(screen.getByRole('button', { name: 'Put back in service' })).toBeVisible();
  });
});
