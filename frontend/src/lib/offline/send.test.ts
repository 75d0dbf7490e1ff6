import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, sentBody, sentHeaders } from '@/test/fetch';
import type { Closeout } from '@/lib/api/models';
import { closeoutSeen } from './kinds';
import { addRecord, recordsOf, type NewFieldRecord } from './records';
import { sendPendingRecords } from './send';

const GAS_PATH = '/api/v1/ptw/permits/7/gas-tests/';
const CLOSEOUT_PATH = '/api/v1/ptw/permits/7/closeout/';
let nextUser = 100;

/** Each test keeps its records under a user of its own, so tests share the one database safely. */
function newUser(): number {
  nextUser += 1;
  return nextUser;
}

function gasRecord(userId: number, value: string, key: string): NewFieldRecord {
  return {
    kind: 'gas-test',
    userId,
    permitId: 7,
    permitVersion: 4,
    idempotencyKey: key,
    madeAt: '2026-12-03T10:00:00Z',
    summary: `O2 ${value} %vol`,
    body: { gas: 'O2', value, unit: '%vol', tested_at: '2026-12-03T10:00:00Z' },
    seen: null,
  };
}

type Answer = (url: string, init: RequestInit | undefined) => Response | Promise<Response>;

function stubFetch(answer: Answer) {
  const fetchMock = vi.fn<typeof fetch>((input, init) => Promise.resolve(answer(input as string, init)));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function envelope(status: number, code: string, message: string): Response {
  return jsonResponse({ error: { code, message } }, status);
}

function posts(fetchMock: ReturnType<typeof stubFetch>) {
  return fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
}

function closeout(overrides: Partial<Closeout['items'][number]> = {}, version = 3): Closeout {
  return {
    permit_id: 7,
    required: true,
    items: [
      {
        key: 'area_clean',
        label: 'Area left clean',
        required: true,
        done: false,
        comment: '',
        answered_by: null,
        answered_at: null,
        ...overrides,
      },
    ],
    complete: false,
    remarks: '',
    work_finished: false,
    work_finished_at: null,
    work_finished_by: null,
    updated_by: null,
    updated_at: null,
    version,
  };
}

describe('sendPendingRecords', () => {
  it('sends the records in the order they were made, each with its own key and permit version', async () => {
    const user = newUser();
    await addRecord(gasRecord(user, '20.9', 'key-a'));
    await addRecord(gasRecord(user, '20.8', 'key-b'));
    await addRecord(gasRecord(user, '20.7', 'key-c'));
    const fetchMock = stubFetch(() => jsonResponse({ id: 1 }, 201));

    const report = await sendPendingRecords(user);

    expect(report.sent).toHaveLength(3);
    const sent = posts(fetchMock);
    expect(sent.map(([url]) => url)).toEqual([GAS_PATH, GAS_PATH, GAS_PATH]);
    expect(sent.map(([, init]) => (sentBody(init) as { value: string }).value)).toEqual(['20.9', '20.8', '20.7']);
    expect(sent.map(([, init]) => sentHeaders(init).get('Idempotency-Key'))).toEqual(['key-a', 'key-b', 'key-c']);
    expect(sentBody(sent[0]?.[1])).toMatchObject({ permit_version: 4, tested_at: '2026-12-03T10:00:00Z' });
    expect((await recordsOf(user)).map((record) => record.status)).toEqual(['sent', 'sent', 'sent']);
  });

  it('keeps a record the network failed for, holds back the later ones and retries with the same key', async () => {
    const user = newUser();
    await addRecord(gasRecord(user, '20.9', 'key-first'));
    await addRecord(gasRecord(user, '20.8', 'key-second'));
    let now = Date.parse('2026-12-03T10:05:00Z');
    let failing = true;
    const fetchMock = stubFetch(() => {
      if (failing) throw new TypeError('Failed to fetch');
      return jsonResponse({ id: 1 }, 201);
    });

    const first = await sendPendingRecords(user, { now: () => now });
    expect(first.sent).toEqual([]);
    expect(first.waiting).toBe(2);
    expect(posts(fetchMock)).toHaveLength(1);
    const [held, later] = await recordsOf(user);
    expect(held).toMatchObject({ status: 'pending', attempts: 1 });
    expect(held?.nextAttemptAt).toBeGreaterThan(now);
    expect(later).toMatchObject({ status: 'pending', attempts: 0 });

    // Before its retry time nothing goes; after it, the same key again, then the later record.
    failing = false;
    await sendPendingRecords(user, { now: () => now });
    expect(posts(fetchMock)).toHaveLength(1);
    now += 60_000;
    const second = await sendPendingRecords(user, { now: () => now });
    expect(second.sent).toHaveLength(2);
    expect(posts(fetchMock).map(([, init]) => sentHeaders(init).get('Idempotency-Key'))).toEqual([
      'key-first',
      'key-first',
      'key-second',
    ]);
  });

  it.each([
    [503, 'service_unavailable'],
    [500, 'http_500'],
    [429, 'throttled'],
  ])('keeps a record pending when the server answers %i', async (status, code) => {
    const user = newUser();
    await addRecord(gasRecord(user, '20.9', `key-${code}`));
    stubFetch(() => envelope(status, code, 'Try later.'));

    const report = await sendPendingRecords(user);

    expect(report).toMatchObject({ sent: [], refused: [], waiting: 1 });
    expect((await recordsOf(user))[0]).toMatchObject({ status: 'pending', attempts: 1, reason: null });
  });

  it.each([
    [409, 'permit_moved_on', 'This record was made against version 4 of the permit; the permit has changed since.'],
    [400, 'gas_test_stale', 'The reading is older than the gas-test validity.'],
    [403, 'forbidden', 'You may not record gas tests on this permit.'],
    [404, 'not_found', 'Not found.'],
  ])('marks a record refused with the reason when the server answers %i, and sends the next', async (status, code, message) => {
    const user = newUser();
    await addRecord(gasRecord(user, '20.9', `refused-${code}`));
    await addRecord(gasRecord(user, '20.8', `next-${code}`));
    const fetchMock = stubFetch((_url, init) =>
      sentHeaders(init).get('Idempotency-Key')?.startsWith('refused') ? envelope(status, code, message) : jsonResponse({}, 201),
    );

    const report = await sendPendingRecords(user);

    expect(report.refused).toHaveLength(1);
    expect(report.sent).toHaveLength(1);
    expect(posts(fetchMock)).toHaveLength(2);
    const [refused, sent] = await recordsOf(user);
    expect(refused).toMatchObject({ status: 'refused', reason: message });
    expect(sent).toMatchObject({ status: 'sent' });
  });

  it('sends nothing twice: again after all were sent, nor from two sends at once', async () => {
    const user = newUser();
    await addRecord(gasRecord(user, '20.9', 'once-a'));
    await addRecord(gasRecord(user, '20.8', 'once-b'));
    const fetchMock = stubFetch(() => jsonResponse({ id: 1 }, 201));

    await Promise.all([sendPendingRecords(user), sendPendingRecords(user, { force: true })]);
    await sendPendingRecords(user, { force: true });

    expect(posts(fetchMock).map(([, init]) => sentHeaders(init).get('Idempotency-Key'))).toEqual(['once-a', 'once-b']);
  });

  describe('closeout answers', () => {
    function closeoutRecord(user: number, seen: Closeout): NewFieldRecord {
      return {
        kind: 'closeout',
        userId: user,
        permitId: 7,
        permitVersion: 5,
        idempotencyKey: `closeout-${String(user)}`,
        madeAt: '2026-12-03T10:00:00Z',
        summary: 'Area left clean: done',
        body: { answers: { area_clean: { done: true, comment: 'swept' } } },
        seen: closeoutSeen(seen, ['area_clean']),
      };
    }

    it('are refused, without writing, when the item was answered meanwhile by someone else', async () => {
      const user = newUser();
      await addRecord(closeoutRecord(user, closeout()));
      const fetchMock = stubFetch(() =>
        jsonResponse(
          closeout(
            { done: false, comment: 'not yet', answered_by: { id: 1, name: 'Ann Issuer' }, answered_at: '2026-12-03T10:20:00Z' },
            4,
          ),
        ),
      );

      const report = await sendPendingRecords(user);

      expect(report.refused).toHaveLength(1);
      expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT')).toHaveLength(0);
      expect((await recordsOf(user))[0]).toMatchObject({
        status: 'refused',
        reason: '“Area left clean” was answered meanwhile by Ann Issuer.',
      });
    });

    it('are written on top of the current version when nobody answered the item meanwhile', async () => {
      const user = newUser();
      await addRecord(closeoutRecord(user, closeout()));
      const fetchMock = stubFetch((url, init) => {
        expect(url).toBe(CLOSEOUT_PATH);
        return init?.method === 'PUT' ? jsonResponse(closeout({ done: true }, 5)) : jsonResponse(closeout({}, 4));
      });

      const report = await sendPendingRecords(user);

      expect(report.sent).toHaveLength(1);
      const put = fetchMock.mock.calls.find(([, init]) => init?.method === 'PUT');
      expect(sentHeaders(put?.[1]).get('If-Match')).toBe('"4"');
      expect(sentBody(put?.[1])).toEqual({
        answers: { area_clean: { done: true, comment: 'swept' } },
        permit_version: 5,
      });
    });

    it('are not written again when the closeout already holds them (an answer lost on the way back)', async () => {
      const user = newUser();
      await addRecord(closeoutRecord(user, closeout()));
      const fetchMock = stubFetch(() =>
        jsonResponse(
          closeout({ done: true, comment: 'swept', answered_by: { id: user, name: 'Me' }, answered_at: '2026-12-03T10:30:00Z' }, 4),
        ),
      );

      const report = await sendPendingRecords(user);

      expect(report.sent).toHaveLength(1);
      expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'PUT')).toHaveLength(0);
    });
  });
});
