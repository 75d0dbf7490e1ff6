import { useMutation, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api/client';
import { permitKeys } from '@/lib/api/keys';
import { permitPath } from './permits';
import { fetchAllPages } from '@/lib/api/fetchAllPages';
import { useRefreshPermitParts } from './refresh';
import type { GasTest, GasTestBody } from '@/lib/api/models';

function gasTestsPath(permitId: number): string {
  return `${permitPath(permitId)}gas-tests/`;
}

/** Every gas test of the permit, newest first, each with the server's result, limit and freshness. */
export function useGasTests(permitId: number) {
  return useQuery({
    queryKey: permitKeys.gasTests(permitId),
    queryFn: ({ signal }) => fetchAllPages<GasTest>(gasTestsPath(permitId), signal),
  });
}

export interface RecordGasTestInput {
  body: GasTestBody;
  idempotencyKey: string;
}

/** Records one reading; the server judges it (and suspends active work on an unsafe one). */
export function useRecordGasTest(permitId: number) {
  const refresh = useRefreshPermitParts();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: RecordGasTestInput) =>
      apiRequest<GasTest>(gasTestsPath(permitId), {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSettled: refresh,
  });
}
