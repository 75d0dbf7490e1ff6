import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FileFormat } from '@/components/FileDownloads';
import { apiRequest } from '@/lib/api/client';
import { reportKeys } from '@/lib/api/keys';
import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type ReportSummary = Schemas['ReportSummaryOut'];
export type ReportException = Schemas['ExceptionCountOut'];
export type ExceptionKind = Schemas['ExceptionCountOutKindEnum'];
export type ReportDuration = Schemas['DurationOut'];
export type OnTimeRate = Schemas['OnTimeOut'];
type ExceptionPermitPage = Schemas['PaginatedPermitOutList'];
export type ExceptionPermit = ExceptionPermitPage['results'][number];

/** The days a report covers, first to last inclusive ("2026-11-25"), each a whole day in the project's time zone. */
export interface ReportRange {
  from: string;
  to: string;
}

const PERMITS = '/api/v1/ptw/permits/';

function rangeParams(projectId: number, { from, to }: ReportRange): URLSearchParams {
  return new URLSearchParams({ date_from: from, date_to: to, project: String(projectId) });
}

/** The summary as JSON, or as a file to download in `format`. */
export function reportSummaryUrl(projectId: number, range: ReportRange, format?: FileFormat): string {
  const params = rangeParams(projectId, range);
  if (format !== undefined) params.set('format', format);
  return `${PERMITS}reports_summary/?${params.toString()}`;
}

/** The audit file (ZIP) of the project's permits whose planned window overlaps the period (at most 1,000). */
export function auditExportUrl(projectId: number, range: ReportRange): string {
  return `${PERMITS}audit-export/?${rangeParams(projectId, range).toString()}`;
}

export function reportExceptionsUrl(
  projectId: number,
  range: ReportRange,
  kind: ExceptionKind,
  page: number,
  pageSize: number,
): string {
  const params = new URLSearchParams({ kind });
  for (const [name, value] of rangeParams(projectId, range)) params.set(name, value);
  params.set('page', String(page));
  params.set('page_size', String(pageSize));
  return `${PERMITS}reports_exceptions/?${params.toString()}`;
}

/** The project's counts, durations and rates over the range; the last answer stays shown while another range loads. */
export function useReportSummary(projectId: number, range: ReportRange) {
  return useQuery({
    queryKey: reportKeys.summary(projectId, range),
    queryFn: ({ signal }) => apiRequest<ReportSummary>(reportSummaryUrl(projectId, range), { signal }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
}

/** One page of the permits behind one exception count of the summary. */
export function useExceptionPermits(
  projectId: number,
  range: ReportRange,
  kind: ExceptionKind,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: reportKeys.exceptions(projectId, range, kind, page, pageSize),
    queryFn: ({ signal }) =>
      apiRequest<ExceptionPermitPage>(reportExceptionsUrl(projectId, range, kind, page, pageSize), { signal }),
    placeholderData: keepPreviousData,
    refetchOnWindowFocus: true,
  });
}
