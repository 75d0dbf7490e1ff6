import type { ResultProps } from 'antd';
import { lazy } from 'react';
import { OnDemand } from './OnDemand';

// antd's Result module carries its 403/404/500 illustrations (~10 kB gzipped) whatever the status shown. It
// only shows rare outcomes (no such permit, no project), so it is fetched when one is shown, not with the app.
const Result = lazy(() => import('antd/es/result'));

/** antd's Result, loaded when first shown. */
export function LazyResult(props: ResultProps) {
  return (
    <OnDemand fallback={null}>
      <Result {...props} />
    </OnDemand>
  );
}
