import { fireEvent, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { describe, expect, it } from 'vitest';
import { permitKeys } from '@/lib/api/keys';
import { jsonResponse, mockFetch } from '@/test/fetch';
import { typeFixture } from '@/test/permitFixtures';
import { renderWithProviders } from '@/test/render';
import { sessionRoutes } from '@/test/session';
import { usePermitTypes } from '../api/permitTypes';
import { PermitCreatePage } from './PermitFormPages';

const TYPES_URL = '/api/v1/ptw/permit-types/?project=1';
const CANDIDATES_URL = '/api/v1/projects/1/candidates/?capability=verify';

/** What the page's own read of the types last came to: seen once the page has been told of it too. */
function TypesReadStatus() {
  return <output>types read: {usePermitTypes(1).status}</output>;
}

describe('PermitCreatePage', () => {
  it('keeps what the user typed when a later read of the permit types fails', async () => {
    let typesAnswer = () => jsonResponse([typeFixture()]);
    mockFetch({
      ...sessionRoutes(),
      [TYPES_URL]: () => typesAnswer(),
      [CANDIDATES_URL]: () => jsonResponse([{ id: 21, name: 'Elena Petrova', company: 'Build EPC', grade: 'B' }]),
    });
    const { queryClient } = renderWithProviders(
      <Suspense fallback={null}>
        <PermitCreatePage />
        <TypesReadStatus />
      </Suspense>,
      { route: '/permits/new?project=1' },
    );
    const title = await screen.findByLabelText('Title');
    fireEvent.change(title, { target: { value: 'Replace gasket on P-101' } });

    typesAnswer = () => jsonResponse({ error: { code: 'unavailable', message: 'No signal.' } }, 503);
    await queryClient.refetchQueries({ queryKey: permitKeys.types(1) });

    expect(await screen.findByText('types read: error')).toBeInTheDocument();
    expect(screen.getByLabelText('Title')).toHaveValue('Replace gasket on P-101');
    expect(screen.queryByText('No signal.')).not.toBeInTheDocument();
  });

  it('says why when the permit types cannot be read at all', async () => {
    mockFetch({
      ...sessionRoutes(),
      [TYPES_URL]: () => jsonResponse({ error: { code: 'unavailable', message: 'No signal.' } }, 503),
      [CANDIDATES_URL]: () => jsonResponse([]),
    });
    renderWithProviders(
      <Suspense fallback={null}>
        <PermitCreatePage />
      </Suspense>,
      { route: '/permits/new?project=1' },
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('No signal.');
    expect(screen.queryByLabelText('Title')).not.toBeInTheDocument();
  });
});
