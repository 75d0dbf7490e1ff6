import { StopOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { lazy, useState } from 'react';
import { LazyDialog } from '@/components/LazyDialog';
import type { ProjectBrief } from '@/lib/session';

// The dialog is fetched when first opened, not with the list.
const AreaSuspendDialog = lazy(() =>
  import('./AreaSuspendDialog').then((module) => ({ default: module.AreaSuspendDialog })),
);

/** "Suspend area", offered to the project's admins and issuers (whom the server lets suspend an area). */
export function AreaSuspendControl({ project }: { project: ProjectBrief }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        danger
        icon={<StopOutlined aria-hidden />}
        onClick={() => {
          setOpen(true);
        }}
      >
        Suspend area
      </Button>
      <LazyDialog open={open}>
        <AreaSuspendDialog project={project} open={open} setOpen={setOpen} />
      </LazyDialog>
    </>
  );
}
