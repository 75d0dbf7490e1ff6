import { Checkbox } from 'antd';
import type { WebhookEvent } from './api';
import { WEBHOOK_EVENTS } from './events';

const OPTIONS = WEBHOOK_EVENTS.map((event) => ({ label: event, value: event }));

interface EventPickerProps {
  /** Given by Form.Item. */
  id?: string;
  value?: WebhookEvent[];
  onChange?: (events: WebhookEvent[]) => void;
}

/** The events an endpoint receives: one checkbox each, in the server's order, and "Select all". */
export function EventPicker({ id, value = [], onChange }: EventPickerProps) {
  const all = value.length === WEBHOOK_EVENTS.length;
  return (
    <div id={id} role="group" aria-label="Events">
      <Checkbox
        checked={all}
        indeterminate={value.length > 0 && !all}
        onChange={(event) => onChange?.(event.target.checked ? [...WEBHOOK_EVENTS] : [])}
        style={{ marginBottom: 8 }}
      >
        Select all
      </Checkbox>
      <Checkbox.Group<WebhookEvent>
        options={OPTIONS}
        value={value}
        onChange={onChange}
        style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(190px, 1fr))', rowGap: 4 }}
      />
    </div>
  );
}
