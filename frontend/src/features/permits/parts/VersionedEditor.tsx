import type { QueryKey } from '@tanstack/react-query';
import { Flex } from 'antd';
import { Fragment, useState, type ReactNode } from 'react';
import { useEditBase } from './useEditBase';
import { SuccessNotice } from '@/components/SuccessNotice';

/** What a versioned part's form gets from its editor: the version it edits and what to report back. */
export interface VersionedFormProps<Part> {
  /** The version the user edits; saved with If-Match: its version. */
  base: Part;
  /** The first change: the caller keeps `base` while the user edits. */
  onEdit: () => void;
  /** Saved (possibly on top of a newer version): the form starts again from the server's part. */
  onSaved: (saved: Part, notice: string | null) => void;
  /** The user dropped their changes after a conflict, for the current part. */
  onDiscard: (current: Part) => void;
}

/** A versioned part's form: the editor's props, and the permit and time zone it is shown in. */
export interface PartFormProps<Part> extends VersionedFormProps<Part> {
  permitId: number;
  timeZone: string;
}

export interface VersionedEditorProps<Part> {
  latest: Part;
  queryKey: QueryKey;
  /** Said after a save the form adds nothing to, e.g. "Closeout saved.". */
  savedMessage: string;
  renderForm: (props: VersionedFormProps<Part>) => ReactNode;
}

/**
 * A form over one versioned part of a permit (closeout, toolbox talk), saved with If-Match: it edits the version
 * the user started from (see useEditBase), starts afresh after a save or a discarded conflict, and says so.
 */
export function VersionedEditor<Part extends { version: number }>({
  latest,
  queryKey,
  savedMessage,
  renderForm,
}: VersionedEditorProps<Part>) {
  const { base, edit, restart } = useEditBase(latest, queryKey);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Flex vertical gap="small">
      {notice !== null && (
        <SuccessNotice
          message={notice}
          onClose={() => {
            setNotice(null);
          }}
        />
      )}
      <Fragment key={base.version}>
        {renderForm({
          base,
          onEdit: () => {
            setNotice(null);
            edit();
          },
          onSaved: (saved, message) => {
            restart(saved);
            setNotice(message ?? savedMessage);
          },
          onDiscard: (current) => {
            restart(current);
            setNotice(`Your changes were discarded; the form shows version ${String(current.version)}.`);
          },
        })}
      </Fragment>
    </Flex>
  );
}
