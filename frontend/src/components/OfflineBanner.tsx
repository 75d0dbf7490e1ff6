import { Alert } from 'antd';
import { useFreshness } from '@/lib/offline/freshness';
import { useOnline } from '@/lib/offline/online';
import { useCurrentProject } from '@/lib/session';
import { formatDateTime } from '@/lib/time/format';

/**
 * Says that the device has no signal and how old the data on screen is: the time the server gave the
 * oldest answer shown from the device (or its last answer), in the project's time zone.
 */
export function OfflineBanner() {
  const online = useOnline();
  const { fromDeviceAsOf, lastAnswerAt } = useFreshness();
  const { project } = useCurrentProject();
  if (online && fromDeviceAsOf === null) return null;
  const asOf = formatDateTime(fromDeviceAsOf ?? lastAnswerAt, project.time_zone);
  return (
    <Alert
      banner
      type="warning"
      showIcon
      role="status"
      message={`Offline — as of ${asOf}`}
      description="You are reading what this device kept. Gas readings, crew sign-ons, closeout answers and the toolbox talk are saved on this device and sent when signal returns; other acts need a connection."
    />
  );
}
