import { Button } from 'antd';
import { lazy, useState } from 'react';
import { LazyDialog } from '@/components/LazyDialog';
import { useRenumberPermit } from '../api/actions';
import type { Permit } from '@/lib/api/models';

// The form is fetched when the dialog first opens, not with the permit page.
const RenumberDialog = lazy(() => import('./RenumberDialog').then((module) => ({ default: module.RenumberDialog })));

/**
 * Renumbering, offered to tenant admins (the only ones the server lets renumber): a new number and the reason,
 * recorded on the timeline; earlier signatures become void because they vouched for the old number.
 */
export function RenumberControl({
  permit,
  opener,
}: {
  permit: Pick<Permit, 'id' | 'permit_number'>;
  /** Opened from elsewhere (a phone's "More" menu): no button of its own. */
  opener?: { open: boolean; setOpen: (open: boolean) => void };
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = opener?.open ?? ownOpen;
  const setOpen = opener?.setOpen ?? setOwnOpen;
  const renumber = useRenumberPermit(permit.id);

  return (
    <>
      {opener === undefined && (
        <Button
          onClick={() => {
            renumber.reset();
            setOpen(true);
          }}
        >
          Renumber
        </Button>
      )}
      <LazyDialog open={open}>
        <RenumberDialog permit={permit} renumber={renumber} open={open} setOpen={setOpen} />
      </LazyDialog>
    </>
  );
}
