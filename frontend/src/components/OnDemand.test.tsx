import { fireEvent, render, screen } from '@testing-library/react';
import { lazy } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { OnDemand } from './OnDemand';

function Tab() {
  return <p>Gas readings</p>;
}

describe('OnDemand', () => {
  it('shows the fallback until the code is there, then the content', async () => {
    let arrive: (module: { default: typeof Tab }) => void = () => undefined;
    const LazyTab = lazy(
      () =>
        new Promise<{ default: typeof Tab }>((resolve) => {
          arrive = resolve;
        }),
    );
    render(
      <OnDemand fallback={<p>Loading the tab</p>}>
        <LazyTab />
      </OnDemand>,
    );

    expect(await screen.findByText('Loading the tab')).toBeInTheDocument();
    arrive({ default: Tab });
    expect(await screen.findByText('Gas readings')).toBeInTheDocument();
    expect(screen.queryByText('Loading the tab')).not.toBeInTheDocument();
  });

  it('says so in place, with a reload, when the code cannot be fetched', async () => {
    // React reports the caught error on the console; the test is about what the user sees.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ reload } as unknown as Location);
    const LazyTab = lazy(() =>
      Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/GasTestsTab.js')),
    );
    render(
      <>
        <h1>PTW-2026-000007</h1>
        <OnDemand fallback={null}>
          <LazyTab />
        </OnDemand>
      </>,
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This part of the page could not be loaded.');
    expect(alert).toHaveTextContent('Check the signal, then reload the page.');
    expect(screen.getByRole('heading', { name: 'PTW-2026-000007' })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(reload).toHaveBeenCalledOnce();
  });
});
