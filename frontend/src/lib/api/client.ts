/** The one way the UI talks to the PTW API: JSON, session cookie, CSRF, and the error envelope. */

export interface MissingRequirement {
  code: string;
  message: string;
}

interface ErrorEnvelope {
  error: {
    code: string;
    message: string;
    fields?: Record<string, string[]>;
    missing?: MissingRequirement[];
    request_id?: string;
    /** With 409 version_conflict: the resource as it is now. */
    current?: unknown;
  };
}

interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  fields?: Record<string, string[]>;
  missing?: MissingRequirement[];
  requestId?: string | null;
  current?: unknown;
}

/** A failed API call, as the server's error envelope describes it. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string[]>;
  readonly missing: MissingRequirement[];
  readonly requestId: string | null;
  /** The current representation sent with a 409 version_conflict; undefined otherwise. */
  readonly current: unknown;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.missing = init.missing ?? [];
    this.requestId = init.requestId ?? null;
    this.current = init.current;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Non-2xx statuses whose body is a regular representation, e.g. 503 from the readiness check. */
  acceptStatuses?: readonly number[];
}

function readCookie(name: string): string | null {
  const prefix = `${name}=`;
  const entry = document.cookie.split('; ').find((part) => part.startsWith(prefix));
  return entry === undefined ? null : decodeURIComponent(entry.slice(prefix.length));
}

function isErrorEnvelope(body: unknown): body is ErrorEnvelope {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const { error } = body;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response).catch(() => undefined);
  if (isErrorEnvelope(body)) {
    const { code, message, fields, missing, request_id: requestId, current } = body.error;
    return new ApiError({ status: response.status, code, message, fields, missing, requestId, current });
  }
  return new ApiError({
    status: response.status,
    code: `http_${String(response.status)}`,
    message: `The server answered ${String(response.status)} ${response.statusText}`.trim(),
    requestId: response.headers.get('X-Request-ID'),
  });
}

/** Sends one request and returns the parsed JSON body; throws ApiError for an error answer. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const headers = new Headers(options.headers);
  headers.set('Accept', 'application/json');
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  if (method !== 'GET') {
    const csrfToken = readCookie('csrftoken');
    if (csrfToken !== null) headers.set('X-CSRFToken', csrfToken);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError({ status: 0, code: 'network_error', message: 'The PTW server could not be reached.' });
  }

  if (!response.ok && !options.acceptStatuses?.includes(response.status)) throw await toApiError(response);
  return parseBody<T>(response);
}

async function parseBody<T>(response: Response): Promise<T> {
  try {
    return (await readJson(response)) as T;
  } catch {
    throw new ApiError({
      status: response.status,
      code: 'invalid_response',
      message: 'The server sent a body that is not JSON.',
    });
  }
}

/** A conditional read: the body and its ETag, or `unchanged` when the server answered 304 Not Modified. */
export type ConditionalAnswer<T> = { unchanged: true } | { unchanged: false; body: T; etag: string | null };

/**
 * Reads `path` sending `If-None-Match: etag` (when there is one): a poll that costs the server little when
 * nothing changed. Throws ApiError for an error answer, like apiRequest.
 */
export async function apiGetIfChanged<T>(
  path: string,
  etag: string | null,
  options: Pick<RequestOptions, 'signal'> = {},
): Promise<ConditionalAnswer<T>> {
  const headers = etag === null ? undefined : { 'If-None-Match': etag };
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'GET',
      headers: { Accept: 'application/json', ...headers },
      credentials: 'same-origin',
      // The page keeps the last answer itself: the browser's cache must not answer for the server.
      cache: 'no-store',
      signal: options.signal,
    });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new ApiError({ status: 0, code: 'network_error', message: 'The PTW server could not be reached.' });
  }
  if (response.status === 304) return { unchanged: true };
  if (!response.ok) throw await toApiError(response);
  return { unchanged: false, body: await parseBody<T>(response), etag: response.headers.get('ETag') };
}

export interface UploadOptions {
  headers?: Record<string, string>;
  /** Called as the body goes out, with the share sent so far (0 to 1). */
  onProgress?: (share: number) => void;
}

function uploadError(xhr: XMLHttpRequest): ApiError {
  let body: unknown;
  try {
    body = xhr.responseText === '' ? undefined : (JSON.parse(xhr.responseText) as unknown);
  } catch {
    body = undefined;
  }
  if (isErrorEnvelope(body)) {
    const { code, message, fields, missing, request_id: requestId, current } = body.error;
    return new ApiError({ status: xhr.status, code, message, fields, missing, requestId, current });
  }
  if (xhr.status === 413) {
    return new ApiError({ status: 413, code: 'payload_too_large', message: 'The file is too large to send.' });
  }
  return new ApiError({
    status: xhr.status,
    code: `http_${String(xhr.status)}`,
    message: `The server answered ${String(xhr.status)} ${xhr.statusText}`.trim(),
  });
}

/**
 * Sends a multipart form (a file upload) and returns the parsed JSON body, reporting progress as the body goes
 * out (fetch cannot); throws ApiError for an error answer, as apiRequest does.
 */
export function apiUpload<T>(path: string, form: FormData, options: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    const csrfToken = readCookie('csrftoken');
    if (csrfToken !== null) xhr.setRequestHeader('X-CSRFToken', csrfToken);
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(uploadError(xhr));
        return;
      }
      try {
        resolve((xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText)) as T);
      } catch {
        reject(new ApiError({ status: xhr.status, code: 'invalid_response', message: 'The server sent a body that is not JSON.' }));
      }
    };
    xhr.onerror = () => {
      reject(new ApiError({ status: 0, code: 'network_error', message: 'The PTW server could not be reached.' }));
    };
    xhr.send(form);
  });
}
