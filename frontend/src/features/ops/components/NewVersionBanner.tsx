import { Alert, Button } from 'antd';
import { reloadOntoNewBuild } from '@/lib/offline/serviceWorker';
import { useLiveness } from '../api/health';

/**
 * Tells the user to reload when the server serves a UI built from other sources than this one; the
 * reload first lets the new build's service worker take over, so the new build is what opens.
 */
export function NewVersionBanner() {
  const { data } = useLiveness();
  const servedHash = data?.ui_build.source_hash ?? null;
  if (servedHash === null || servedHash === __UI_SOURCE_HASH__) return null;
  return (
    <Alert
      banner
      type="info"
      showIcon
      message="A new version of PTW is available."
      action={
        <Button
          size="small"
          type="primary"
          onClick={() => {
            void reloadOntoNewBuild();
          }}
        >
          Reload
        </Button>
      }
    />
  );
}
