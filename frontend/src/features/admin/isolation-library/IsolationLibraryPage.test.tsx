import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppRoutes } from '@/app/AppRoutes';
import { callsTo, jsonResponse, mockFetch, pageOf, sentBody, sentHeaders } from '@/test/fetch';
import { renderWithProviders } from '@/test/render';
import { meBody, northPlant, sessionRoutes } from '@/test/session';
import type { Me } from '@/lib/session';
import { importUrl, libraryListUrl, pointPath, type ImportReport, type LibraryPoint } from './api';

const ACTIVE = libraryListUrl(1, { status: 'active', search: '' });
const EQUIPMENT = '/api/v1/ptw/locations/?project=1&kind=equipment&page_size=100';

function pointFixture(overrides: Partial<LibraryPoint> = {}): LibraryPoint {
  return {
    id: 11,
    project: 1,
    code: 'MV-101',
    name: 'Suction valve P-101A',
    asset_tag: 'P-101A-SV',
    energy_type: 'process',
    point_type: 'valve',
    method: 'Close and chain',
    verification_method: 'Zero pressure at PI-101',
    locks_required: 1,
    equipment: null,
    is_active: true,
    version: 3,
    ...overrides,
  };
}

function adminMe(): Me {
  return meBody({ memberships: [{ ...northPlant, role: 'project_admin' }] });
}

function renderPage({ me = adminMe(), routes = {} }: { me?: Me; routes?: Record<string, () => Response> } = {}) {
  const fetchMock = mockFetch({
    ...sessionRoutes(me),
    [`GET ${ACTIVE}`]: () => jsonResponse([pointFixture(), pointFixture({ id: 12, code: 'CB-7', name: 'Breaker 7' })]),
    [`GET ${EQUIPMENT}`]: () => jsonResponse(pageOf([])),
    ...routes,
  });
  renderWithProviders(<AppRoutes />, { route: '/admin/isolation-library?project=1' });
  return fetchMock;
}

function closestOf(element: HTMLElement, selector: string): HTMLElement {
  const found = element.closest<HTMLElement>(selector);
  if (found === null) throw new Error(`nothing ${selector} around the element`);
  return found;
}

async function pointRow(code: string) {
  const table = await screen.findByRole('table', { name: 'Isolation points' });
  const row = (await within(table).findByText(code)).closest('tr');
  if (row === null) throw new Error(`no row for ${code}`);
  return within(row);
}

/** The browser's XMLHttpRequest as the import sees it: records each form sent, answers from the queue. */
class FakeUpload {
  static sent: { url: string; body: FormData }[] = [];
  static answers: { status: number; body: unknown }[] = [];
  upload = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  withCredentials = false;
  private url = '';
  open(_method: string, url: string) {
    this.url = url;
  }
  setRequestHeader() {
    /* headers are not looked at here */
  }
  send(body: FormData) {
    FakeUpload.sent.push({ url: this.url, body });
    const answer = FakeUpload.answers.shift() ?? { status: 500, body: {} };
    setTimeout(() => {
      this.status = answer.status;
      this.responseText = JSON.stringify(answer.body);
      this.onload?.();
    }, 0);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeUpload.sent = [];
  FakeUpload.answers = [];
});

function report(overrides: Partial<ImportReport> = {}): ImportReport {
  const rows = Array.from({ length: 500 }, (_, index) => ({ row: index + 2, code: `MV-${String(index + 1)}`, errors: {} }));
  return { dry_run: true, valid: true, written: 0, totals: { rows: 500, valid: 500, invalid: 0 }, rows, ...overrides };
}

async function chooseFile() {
  const dialog = await screen.findByRole('dialog');
  const input = dialog.querySelector('input[type="file"]');
  if (input === null) throw new Error('no file input');
  fireEvent.change(input, { target: { files: [new File(['code,name,energy_type\n'], 'points.csv', { type: 'text/csv' })] } });
  return within(dialog);
}

describe('Isolation library page', () => {
  it('lists the points in use with their energy, type, locks and status', async () => {
    renderPage();

    expect(await screen.findByRole('heading', { level: 1, name: 'Isolation library' })).toBeInTheDocument();
    const row = await pointRow('MV-101');
    expect(row.getAllByRole('cell').map((cell) => cell.textContent).slice(0, 7)).toEqual([
      'MV-101',
      'Suction valve P-101A',
      'Process',
      'Valve',
      '1 lock',
      'P-101A-SV',
      'In use',
    ]);
  });

  it('asks the server for retired points and for a search', async () => {
    const retired = libraryListUrl(1, { status: 'retired', search: '' });
    const searched = libraryListUrl(1, { status: 'retired', search: 'MV' });
    const fetchMock = renderPage({
      routes: {
        [`GET ${retired}`]: () => jsonResponse([pointFixture({ is_active: false })]),
        [`GET ${searched}`]: () => jsonResponse([]),
      },
    });
    await pointRow('MV-101');

    fireEvent.click(screen.getByText('Retired', { selector: '.ant-segmented-item-label' }));
    const row = await pointRow('MV-101');
    expect(row.getByRole('button', { name: 'Restore' })).toBeInTheDocument();
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search points' }), { target: { value: ' MV ' } });
    fireEvent.keyDown(screen.getByRole('searchbox', { name: 'Search points' }), { key: 'Enter', code: 'Enter' });
    expect(await screen.findByText('No points match the search.')).toBeInTheDocument();
    expect(callsTo(fetchMock, 'GET', searched)).toHaveLength(1);
  });

  it('offers a member no writes', async () => {
    renderPage({ me: meBody() });

    await pointRow('MV-101');
    expect(screen.getByText('Only a project admin can change this project’s isolation library.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Add point/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retire' })).not.toBeInTheDocument();
  });

  it('adds a point with an idempotency key', async () => {
    const fetchMock = renderPage({
      routes: { 'POST /api/v1/ptw/isolation-points/?project=1': () => jsonResponse(pointFixture({ id: 20, code: 'CB-12' }), 201) },
    });
    await pointRow('MV-101');

    fireEvent.click(screen.getByRole('button', { name: /Add point/ }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Code'), { target: { value: ' CB-12 ' } });
    fireEvent.change(dialog.getByLabelText('Name'), { target: { value: 'Breaker 12' } });
    fireEvent.mouseDown(dialog.getByLabelText('Energy'));
    fireEvent.click(await screen.findByTitle('Electrical'));
    fireEvent.click(dialog.getByRole('button', { name: 'Add point' }));

    expect(await screen.findByText('CB-12 added to the library.')).toBeInTheDocument();
    const [call] = callsTo(fetchMock, 'POST', '/api/v1/ptw/isolation-points/?project=1');
    expect(sentBody(call?.[1])).toEqual({
      code: 'CB-12',
      name: 'Breaker 12',
      energy_type: 'electrical',
      point_type: 'valve',
      locks_required: 1,
      asset_tag: '',
      equipment: null,
      method: '',
      verification_method: '',
    });
    expect(sentHeaders(call?.[1]).get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows a stale edit in the conflict dialog and re-applies it on the current version', async () => {
    let patches = 0;
    const current = pointFixture({ name: 'Feed valve', version: 4 });
    const fetchMock = renderPage({
      routes: {
        [`PATCH ${pointPath(11)}`]: () => {
          patches += 1;
          return patches === 1
            ? jsonResponse({ error: { code: 'version_conflict', message: 'Changed.', current } }, 409)
            : jsonResponse(pointFixture({ name: 'Feed valve', locks_required: 2, version: 5 }));
        },
      },
    });
    const row = await pointRow('MV-101');

    fireEvent.click(row.getByRole('button', { name: 'Edit' }));
    const dialog = within(await screen.findByRole('dialog'));
    fireEvent.change(dialog.getByLabelText('Locks needed'), { target: { value: '2' } });
    fireEvent.click(dialog.getByRole('button', { name: 'Save changes' }));

    const conflictTitle = await screen.findByText('MV-101 was changed by someone else');
    const conflict = within(closestOf(conflictTitle, '.ant-modal'));
    expect(conflict.getByText(/Version 4 was saved while you were editing/)).toBeInTheDocument();
    expect(conflict.getByRole('cell', { name: 'Locks needed' })).toBeInTheDocument();
    fireEvent.click(conflict.getByRole('button', { name: 'Re-apply my changes' }));

    expect(await screen.findByText('MV-101 saved.')).toBeInTheDocument();
    const calls = callsTo(fetchMock, 'PATCH', pointPath(11));
    expect(calls.map(([, init]) => sentHeaders(init).get('If-Match'))).toEqual(['"3"', '"4"']);
    expect(calls.map(([, init]) => sentBody(init))).toEqual([{ locks_required: 2 }, { locks_required: 2 }]);
  });

  it('retires a point at the version shown, after confirming', async () => {
    const fetchMock = renderPage({
      routes: { [`POST ${pointPath(11)}retire/`]: () => jsonResponse(pointFixture({ is_active: false, version: 4 })) },
    });
    const row = await pointRow('MV-101');

    fireEvent.click(row.getByRole('button', { name: 'Retire' }));
    const confirm = within(closestOf(await screen.findByText('Retire MV-101?'), '.ant-popover'));
    fireEvent.click(confirm.getByRole('button', { name: 'Retire' }));
    await waitFor(() => {
      expect(callsTo(fetchMock, 'POST', `${pointPath(11)}retire/`)).toHaveLength(1);
    });
    const [call] = callsTo(fetchMock, 'POST', `${pointPath(11)}retire/`);
    expect(sentHeaders(call?.[1]).get('If-Match')).toBe('"3"');
    expect(await screen.findByText('MV-101 retired: no longer offered on permits.')).toBeInTheDocument();
  });
});

describe('CSV import dialog', () => {
  it('previews the file and imports all its rows only when every row is valid', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeUpload);
    FakeUpload.answers = [
      { status: 200, body: report() },
      { status: 201, body: report({ dry_run: false, written: 500 }) },
    ];
    renderPage();
    await pointRow('MV-101');

    fireEvent.click(screen.getByRole('button', { name: /Import CSV/ }));
    const dialog = await chooseFile();

    expect(await dialog.findByText('All 500 rows are valid: ready to import.')).toBeInTheDocument();
    fireEvent.click(dialog.getByRole('button', { name: 'Import 500 points' }));
    expect(await screen.findByText('500 isolation points imported.')).toBeInTheDocument();
    expect(FakeUpload.sent.map((sent) => [sent.url, sent.body.get('dry_run')])).toEqual([
      [importUrl(1), 'true'],
      [importUrl(1), 'false'],
    ]);
  });

  it('shows the invalid row with its errors and offers no import', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeUpload);
    const rows = report().rows.map((row) =>
      row.row === 251 ? { ...row, errors: { energy_type: ["'steam' is not one of: electrical, …"] } } : row,
    );
    FakeUpload.answers = [{ status: 200, body: report({ valid: false, rows, totals: { rows: 500, valid: 499, invalid: 1 } }) }];
    renderPage();
    await pointRow('MV-101');

    fireEvent.click(screen.getByRole('button', { name: /Import CSV/ }));
    const dialog = await chooseFile();

    expect(await dialog.findByText(/1 of 500 rows are invalid/)).toBeInTheDocument();
    const preview = dialog.getByRole('table', { name: 'Import preview' });
    const shown = within(preview).getAllByRole('row').slice(1);
    expect(shown.map((row) => row.textContent)).toEqual(["251MV-250Energy: 'steam' is not one of: electrical, …"]);
    expect(dialog.getByRole('button', { name: 'Import 499 points' })).toBeDisabled();
    expect(FakeUpload.sent).toHaveLength(1);
  });

  it('shows a refused file in the error envelope', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeUpload);
    FakeUpload.answers = [
      {
        status: 400,
        body: { error: { code: 'invalid', message: 'Some fields are invalid.', fields: { file: ['The file is empty.'] } } },
      },
    ];
    renderPage();
    await pointRow('MV-101');

    fireEvent.click(screen.getByRole('button', { name: /Import CSV/ }));
    const dialog = await chooseFile();

    expect(await dialog.findByText(/The file is empty\./)).toBeInTheDocument();
    expect(dialog.getByRole('button', { name: 'Import points' })).toBeDisabled();
  });
});
