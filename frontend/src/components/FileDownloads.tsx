import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { operations } from '@/lib/api/schema';

/** The file formats the API exports: CSV (UTF-8) or an Excel workbook. */
export type FileFormat = NonNullable<operations['ptw_permits_export_retrieve']['parameters']['query']>['format'];

const FORMATS: readonly { format: FileFormat; label: string }[] = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel' },
];

interface FileDownloadsProps {
  /** "Download" or "Export": the buttons read "<verb> CSV" and "<verb> Excel". */
  verb: string;
  href: (format: FileFormat) => string;
}

/**
 * One link per file format. A plain GET the browser saves itself (the server sends the file as an
 * attachment; the session cookie authenticates it), so a large export never passes through fetch.
 */
export function FileDownloads({ verb, href }: FileDownloadsProps) {
  return (
    <Flex wrap gap="small">
      {FORMATS.map(({ format, label }) => (
        <Button key={format} icon={<DownloadOutlined aria-hidden />} href={href(format)} download>
          {verb} {label}
        </Button>
      ))}
    </Flex>
  );
}
