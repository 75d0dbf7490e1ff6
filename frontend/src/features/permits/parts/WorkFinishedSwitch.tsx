import { Popconfirm, Switch } from 'antd';
import { useState } from 'react';

export interface WorkFinishedSwitchProps {
  id?: string;
  value?: boolean;
  onChange?: (value: boolean) => void;
}

/** "Work finished" as a form control: switching it on asks first, since the record cannot be withdrawn once saved. */
export function WorkFinishedSwitch({ id, value, onChange }: WorkFinishedSwitchProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <Popconfirm
      open={confirming}
      title="Record that the work has finished?"
      description="Once saved this cannot be withdrawn; isolations may then be removed and energy restored."
      okText="Work finished"
      cancelText="Not yet"
      onConfirm={() => {
        setConfirming(false);
        onChange?.(true);
      }}
      onCancel={() => {
        setConfirming(false);
      }}
      onOpenChange={(open) => {
        if (!open) setConfirming(false);
      }}
    >
      <Switch
        id={id}
        checked={value === true}
        checkedChildren="Yes"
        unCheckedChildren="No"
        onChange={(checked) => {
          if (checked) setConfirming(true);
          else onChange?.(false);
        }}
      />
    </Popconfirm>
  );
}
