import { describe, expect, it, vi } from 'vitest';
import { reloadOntoNewBuild } from './serviceWorker';

function stubWorkerContainer(registration: Partial<ServiceWorkerRegistration>) {
  const container = new EventTarget();
  Object.assign(container, { getRegistration: () => Promise.resolve(registration) });
  vi.stubGlobal('navigator', Object.assign(Object.create(navigator) as Navigator, { serviceWorker: container }));
  return container;
}

describe('reloadOntoNewBuild', () => {
  it('lets the new build’s worker take over before the page reloads', async () => {
    vi.stubEnv('PROD', true);
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ reload } as unknown as Location);
    const registration = { installing: null as ServiceWorker | null, waiting: null, update: vi.fn() };
    registration.update.mockImplementation(() => {
      registration.installing = {} as ServiceWorker;
      return Promise.resolve();
    });
    const container = stubWorkerContainer(registration);

    const reloading = reloadOntoNewBuild();
    await vi.waitFor(() => {
      expect(registration.update).toHaveBeenCalled();
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reload).not.toHaveBeenCalled();
    container.dispatchEvent(new Event('controllerchange'));
    await reloading;

    expect(reload).toHaveBeenCalledOnce();
  });

  it('reloads at once when no new worker is waiting', async () => {
    vi.stubEnv('PROD', true);
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ reload } as unknown as Location);
    stubWorkerContainer({ installing: null, waiting: null, update: vi.fn(() => Promise.resolve()) } as unknown as ServiceWorkerRegistration);

    await reloadOntoNewBuild();

    expect(reload).toHaveBeenCalledOnce();
  });
});
