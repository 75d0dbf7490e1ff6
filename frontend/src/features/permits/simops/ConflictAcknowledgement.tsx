import { Alert, Checkbox, Form } from 'antd';
import { ConflictList } from './ConflictList';
import type { Conflict } from './types';

interface ConflictAcknowledgementProps {
  /** The warn conflicts still to acknowledge (at least one). */
  warnings: readonly Conflict[];
  /** What is being decided, for the explanation: "Approve", "Approve the extension". */
  deciding: string;
  project: { id: number; time_zone: string };
}

/**
 * Inside a decision dialog's form (approving a permit, approving an extension): the warn conflicts to acknowledge
 * and the `acknowledge_conflicts` tick the server asks for; the dialog's comment says how they are managed.
 */
export function ConflictAcknowledgement({ warnings, deciding, project }: ConflictAcknowledgementProps) {
  const count = warnings.length;
  return (
    <section aria-label="Conflicts to acknowledge">
      <Alert
        type="warning"
        showIcon
        message={`This permit conflicts with ${String(count)} other live permit${count === 1 ? '' : 's'}. ${deciding} only once you have considered ${count === 1 ? 'it' : 'them'}; your acknowledgement and comment are recorded on both permits.`}
      />
      <ConflictList conflicts={warnings} projectId={project.id} timeZone={project.time_zone} />
      <Form.Item
        name="acknowledge_conflicts"
        valuePropName="checked"
        rules={[
          {
            validator: (_rule, value: boolean | undefined) =>
              value === true ? Promise.resolve() : Promise.reject(new Error('Confirm that you have considered the conflicts.')),
          },
        ]}
      >
        <Checkbox>I have considered these conflicts</Checkbox>
      </Form.Item>
    </section>
  );
}
