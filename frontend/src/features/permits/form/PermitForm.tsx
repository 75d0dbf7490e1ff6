import { Alert, Button, Flex, Form } from 'antd';
import { ErrorAlert } from '@/components/ErrorAlert';
import type { Candidate } from '@/lib/api/models';
import { ActionDialog } from '../components/ActionDialog';
import { ConflictsPreviewPanel } from '../simops/ConflictsPreviewPanel';
import { FIELD_ITEMS, GROUP_FIELDS, type PermitFormValues } from './formModel';
import { PermitConflictDialog } from './PermitConflictDialog';
import { PermitFormSections } from './PermitFormSections';
import { usePermitForm, type PermitFormInput } from './usePermitForm';

export interface PermitFormProps extends PermitFormInput {
  candidates: readonly Candidate[];
  /** The signed-in user's registered full name, for the signature on submit. */
  signerName: string;
  onCancel: () => void;
}

/**
 * Creates or edits a permit's content: the permit's own fields, the chosen type's template fields,
 * PPE, checklist answers and an optional named verifier. "Save draft" stores it; "Save and submit"
 * stores it and submits it, signed in the same dialog as every other act (typed name or drawn).
 */
export function PermitForm({ project, types, candidates, signerName, permit, onDone, onCancel }: PermitFormProps) {
  const state = usePermitForm({ project, types, permit, onDone });
  const { form, base, conflict, problem, notice, submitAction } = state;
  const timeZone = project.time_zone;
  const personName = (id: number) => candidates.find((candidate) => candidate.id === id)?.name;

  return (
    <>
      <Form<PermitFormValues>
        form={form}
        name="permit"
        layout="vertical"
        initialValues={state.initialValues}
        disabled={state.saving}
        scrollToFirstError
        onValuesChange={state.changeType}
      >
        <PermitFormSections
          projectId={project.id}
          editing={permit !== undefined}
          permitId={permit?.id}
          dependsOn={permit === undefined ? [] : permit.depends_on}
          types={types}
          type={state.type}
          candidates={candidates}
          timeZone={timeZone}
          submitting={state.submitting}
          groupErrors={state.groupErrors}
        />
        <div style={{ marginBottom: 16 }}>
          <ConflictsPreviewPanel project={project} permitId={base?.id} />
        </div>
        {notice !== null && (
          <Alert type="info" showIcon role="status" message={notice} style={{ marginBottom: 16 }} />
        )}
        {problem !== null && (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={problem.error} shownFields={[...Object.keys(FIELD_ITEMS), ...GROUP_FIELDS]} />
          </div>
        )}
        <Flex wrap gap="small">
          <Button onClick={() => void state.saveDraft()} loading={state.draftSaving}>
            Save draft
          </Button>
          <Button type="primary" onClick={() => void state.startSubmit()}>
            {submitAction === 'resubmit' ? 'Save and resubmit' : 'Save and submit'}
          </Button>
          <Button type="link" onClick={onCancel} disabled={false}>
            Cancel
          </Button>
        </Flex>
      </Form>
      <ActionDialog
        action={state.signing ? submitAction : null}
        signerName={signerName}
        subject={base?.permit_number}
        pending={state.saving}
        error={state.submitError}
        onConfirm={(body) => void state.confirmSubmit(body)}
        onCancel={state.cancelSigning}
      />
      {conflict !== null && (
        <PermitConflictDialog
          current={conflict.current}
          changes={conflict.changes}
          original={base}
          timeZone={timeZone}
          personName={personName}
          onReapplied={(saved) => {
            // The form now shows the merge: the other person's values with the user's changes on top.
            state.resolveConflict(saved, `Your changes were saved on top of version ${String(conflict.current.version)}.`);
          }}
          onDiscard={(current) => {
            state.resolveConflict(current, `Your changes were discarded; the form shows version ${String(current.version)}.`);
          }}
        />
      )}
    </>
  );
}
