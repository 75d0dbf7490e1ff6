import { FileProtectOutlined } from '@ant-design/icons';
import { Button, Flex, Skeleton, Spin, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { FileDownloads } from '@/components/FileDownloads';
import { ApiError } from '@/lib/api/client';
import { formatDateTime, formatDay } from '@/lib/time/format';
import { useNow } from '@/lib/time/useNow';
import { PROJECT_PARAM, useCurrentProject } from '@/lib/session';
import { ErrorAlert } from '@/components/ErrorAlert';
import { useProjectTimeZone } from '@/lib/time/projectTimeZone';
import { auditExportUrl, reportSummaryUrl, useReportSummary } from './api';
import { ExceptionPermits } from './ExceptionPermits';
import { KpiCards } from './KpiCards';
import { ReportCharts } from './ReportCharts';
import { ReportPeriod } from './ReportPeriod';
import { ReportRates } from './ReportRates';
import { DEFAULT_DAYS, lastDays, parseReportQuery, reportQueryParams, siteToday, type ReportQuery } from './reportQuery';

const PERIOD_FIELDS = ['date_from', 'date_to'];

/**
 * /reports — the current project's permits over a period: key figures, the permits behind each
 * exception, durations and the on-time rate, charts, and the summary as a file. Period and chosen
 * exception live in the address, so any view can be shared and reloaded.
 */
export function ReportsPage() {
  const { project, can } = useCurrentProject();
  const timeZone = useProjectTimeZone(project.id);
  const [searchParams, setSearchParams] = useSearchParams();
  const now = useNow();
  const today = siteToday(now, timeZone);
  const query = parseReportQuery(searchParams);
  const range = query.range ?? lastDays(today, DEFAULT_DAYS);
  const { data, error, isPlaceholderData } = useReportSummary(project.id, range);
  const selected = data?.exceptions.find((exception) => exception.kind === query.kind);

  const show = (next: ReportQuery) => {
    const params = new URLSearchParams();
    const projectParam = searchParams.get(PROJECT_PARAM);
    if (projectParam !== null) params.set(PROJECT_PARAM, projectParam);
    for (const [name, value] of reportQueryParams(next)) params.append(name, value);
    setSearchParams(params);
  };
  const periodErrors = error instanceof ApiError ? PERIOD_FIELDS.flatMap((field) => error.fields[field] ?? []) : [];

  return (
    <Flex vertical gap="large">
      <Flex wrap gap="small" justify="space-between" align="start">
        <ReportPeriod
          range={range}
          today={today}
          timeZone={timeZone}
          errors={periodErrors}
          onChange={(next) => {
            show({ ...query, range: next, page: 1 });
          }}
        />
        <Flex wrap gap="small">
          <FileDownloads verb="Download" href={(format) => reportSummaryUrl(project.id, range, format)} />
          {(can('approve') || can('admin')) && (
            <Button icon={<FileProtectOutlined aria-hidden />} href={auditExportUrl(project.id, range)} download>
              Download audit file
            </Button>
          )}
        </Flex>
      </Flex>
      {error !== null && <ErrorAlert error={error} shownFields={PERIOD_FIELDS} />}
      {data === undefined ? (
        error === null && <Skeleton active />
      ) : (
        <Spin spinning={isPlaceholderData}>
          <Flex vertical gap="large">
            <Typography.Text type="secondary">
              Permits created from {formatDay(data.date_from)} to {formatDay(data.date_to)}; figures as of{' '}
              <time dateTime={data.generated_at}>{formatDateTime(data.generated_at, timeZone)}</time>.
            </Typography.Text>
            <KpiCards
              summary={data}
              selected={selected?.kind ?? null}
              onSelect={(kind) => {
                show({ ...query, kind, page: 1 });
              }}
            />
            {selected !== undefined && (
              <ExceptionPermits
                projectId={project.id}
                timeZone={timeZone}
                range={range}
                exception={selected}
                page={query.page}
                pageSize={query.pageSize}
                onPageChange={(page, pageSize) => {
                  show({ ...query, page, pageSize });
                }}
              />
            )}
            <ReportRates durations={data.durations} onTime={data.on_time_close_rate} />
            <ReportCharts summary={data} />
          </Flex>
        </Spin>
      )}
    </Flex>
  );
}
