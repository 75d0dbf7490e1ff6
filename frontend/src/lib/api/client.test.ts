import { afterEach, describe, expect, it } from 'vitest';
import { jsonResponse, mockFetch } from '@/test/fetch';
import { ApiError, apiRequest } from './client';

function sentHeaders(fetchMock: ReturnType<typeof mockFetch>): Headers {
  const init = fetchMock.mock.calls[0]?.[1];
  return new Headers(init?.headers);
}

afterEach(() => {
  document.cookie = 'csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
});

describe('apiRequest', () => {
  it('sends cookies, asks for JSON and returns the body', async () => {
    const fetchMock = mockFetch({ '/api/v1/things/': () => jsonResponse({ id: 1 }) });

    await expect(apiRequest('/api/v1/things/')).resolves.toEqual({ id: 1 });
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('same-origin');
    expect(sentHeaders(fetchMock).get('Accept')).toBe('application/json');
    expect(sentHeaders(fetchMock).has('X-CSRFToken')).toBe(false);
  });

  it('sends the CSRF cookie as X-CSRFToken on unsafe methods', async () => {
    document.cookie = 'csrftoken=abc123';
    const fetchMock = mockFetch({ '/api/v1/things/': () => jsonResponse({ id: 2 }, 201) });

    await apiRequest('/api/v1/things/', { method: 'POST', body: { title: 'x' } });
    expect(sentHeaders(fetchMock).get('X-CSRFToken')).toBe('abc123');
    expect(sentHeaders(fetchMock).get('Content-Type')).toBe('application/json');
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBe('{"title":"x"}');
  });

  it('parses the error envelope into an ApiError', async () => {
    const envelope = {
      error: {
        code: 'guard_failed',
        message: 'The permit cannot be approved yet.',
        fields: { planned_end: ['Must be after the start.'] },
        missing: [{ code: 'gas_test_stale', message: 'The gas test is older than 120 minutes.' }],
        request_id: 'req-7',
      },
    };
    mockFetch({ '/api/v1/things/1/approve/': () => jsonResponse(envelope, 422) });

    const error = await apiRequest('/api/v1/things/1/approve/', { method: 'POST' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: 'guard_failed',
      message: 'The permit cannot be approved yet.',
      fields: envelope.error.fields,
      missing: envelope.error.missing,
      requestId: 'req-7',
    });
  });

  it('keeps the current representation sent with a version conflict', async () => {
    const current = { id: 1, version: 5, title: 'Saved by someone else' };
    const envelope = { error: { code: 'version_conflict', message: 'Changed meanwhile.', current } };
    mockFetch({ '/api/v1/things/1/': () => jsonResponse(envelope, 409) });

    await expect(apiRequest('/api/v1/things/1/', { method: 'PATCH', body: {} })).rejects.toMatchObject({
      status: 409,
      code: 'version_conflict',
      current,
    });
  });

  it('describes an error answer without the envelope by its status', async () => {
    mockFetch({ '/api/v1/things/': () => new Response('<html>Bad gateway</html>', { status: 502 }) });

    await expect(apiRequest('/api/v1/things/')).rejects.toMatchObject({ status: 502, code: 'http_502' });
  });

  it('rejects a success answer whose body is not JSON', async () => {
    mockFetch({ '/api/v1/things/': () => new Response('<html>Login</html>', { status: 200 }) });

    await expect(apiRequest('/api/v1/things/')).rejects.toMatchObject({ status: 200, code: 'invalid_response' });
  });

  it('returns the body of an accepted non-2xx status', async () => {
    mockFetch({ '/api/v1/health/ready/': () => jsonResponse({ ready: false }, 503) });

    await expect(apiRequest('/api/v1/health/ready/', { acceptStatuses: [503] })).resolves.toEqual({ ready: false });
  });
});
