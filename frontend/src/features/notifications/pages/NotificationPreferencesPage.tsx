import { Button, Flex, Skeleton, Switch, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorAlert } from '@/components/ErrorAlert';
import { ListCard, ResponsiveTable } from '@/components/ResponsiveTable';
import { SuccessNotice } from '@/components/SuccessNotice';
import { TAP_TARGET_STYLE } from '@/components/tapTarget';
import { projectPath, useCurrentProject } from '@/lib/session';
import { usePreferences, useSavePreferences } from '../api/notifications';
import type { KindPreference, Preferences } from '../api/types';
import { categoryInfo } from '../categories';
import { NOTIFICATIONS_PATH } from '../components/NotificationPanel';

type Channel = 'in_app' | 'email';
type Channels = KindPreference['channels'];

export const REQUIRED_IN_APP_TEXT = 'Always shown in the app: safety comes first.';

function requiredNoteId(kind: string): string {
  return `required-in-app-${kind}`;
}

/** The switches of one channel of one kind; a required in-app channel is on and cannot be turned off. */
function ChannelSwitch({
  preference,
  channel,
  channels,
  onChange,
}: {
  preference: KindPreference;
  channel: Channel;
  channels: Channels;
  onChange: (channels: Channels) => void;
}) {
  const required = channel === 'in_app' && preference.in_app_required;
  const name = channel === 'in_app' ? 'In-app' : 'E-mail';
  return (
    <Flex align="center" gap="small" style={{ minHeight: 44 }}>
      {/* The label around the switch makes a 44 px tap target of it. */}
      <label style={TAP_TARGET_STYLE}>
        <Switch
          aria-label={`${preference.label}: ${name}`}
          aria-describedby={required ? requiredNoteId(preference.kind) : undefined}
          checked={required || channels[channel]}
          disabled={required}
          onChange={(checked) => {
            onChange({ ...channels, [channel]: checked });
          }}
        />
      </label>
      {required && (
        <Typography.Text type="secondary" id={requiredNoteId(preference.kind)}>
          {REQUIRED_IN_APP_TEXT}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** The editor of the loaded preferences: the caller's choice per kind, saved all at once. */
function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const { project } = useCurrentProject();
  const save = useSavePreferences();
  const [draft, setDraft] = useState<Record<string, Channels>>({});
  const [saved, setSaved] = useState(false);
  const channelsOf = (preference: KindPreference) => draft[preference.kind] ?? preference.channels;
  const setChannels = (kind: string) => (channels: Channels) => {
    setSaved(false);
    setDraft((current) => ({ ...current, [kind]: channels }));
  };
  const changed = Object.keys(draft).length > 0;

  const switchOf = (preference: KindPreference, channel: Channel) => (
    <ChannelSwitch
      preference={preference}
      channel={channel}
      channels={channelsOf(preference)}
      onChange={setChannels(preference.kind)}
    />
  );
  const about = (preference: KindPreference) => {
    const category = categoryInfo(preference.category);
    return (
      <Flex vertical gap={4}>
        <Typography.Text strong>{preference.label}</Typography.Text>
        <Typography.Text type="secondary">{preference.description}</Typography.Text>
        <div>
          <Tag color={category.color}>{category.label}</Tag>
        </div>
      </Flex>
    );
  };
  const columns: TableColumnsType<KindPreference> = [
    { title: 'Notification', key: 'kind', render: (_, preference) => about(preference) },
    { title: 'In-app', key: 'in_app', render: (_, preference) => switchOf(preference, 'in_app') },
    { title: 'E-mail', key: 'email', render: (_, preference) => switchOf(preference, 'email') },
  ];

  return (
    <Flex vertical gap="middle">
      <Link to={projectPath(NOTIFICATIONS_PATH, project.id)} style={TAP_TARGET_STYLE}>
        Back to notifications
      </Link>
      {save.error !== null && <ErrorAlert error={save.error} />}
      {saved && (
        <SuccessNotice
          message="Your notification preferences are saved."
          onClose={() => {
            setSaved(false);
          }}
        />
      )}
      <ResponsiveTable<KindPreference>
        aria-label="Notification preferences"
        rowKey="kind"
        size="middle"
        columns={columns}
        dataSource={preferences.kinds}
        pagination={false}
        renderCard={(preference) => (
          <ListCard heading={preference.label} title={preference.description}>
            <div>In-app</div>
            {switchOf(preference, 'in_app')}
            <div>E-mail</div>
            {switchOf(preference, 'email')}
          </ListCard>
        )}
      />
      <div>
        <Button
          type="primary"
          disabled={!changed}
          loading={save.isPending}
          style={{ minHeight: 44 }}
          onClick={() => {
            save.mutate(
              {
                kinds: preferences.kinds.map((preference) => {
                  const channels = channelsOf(preference);
                  return {
                    kind: preference.kind,
                    channels: { ...channels, in_app: preference.in_app_required || channels.in_app },
                  };
                }),
              },
              {
                onSuccess: () => {
                  setDraft({});
                  setSaved(true);
                },
              },
            );
          }}
        >
          Save
        </Button>
      </div>
    </Flex>
  );
}

/** Per kind of notification, whether it comes in the app and by e-mail. */
export function NotificationPreferencesPage() {
  const { data, error } = usePreferences();
  if (data === undefined) return error !== null ? <ErrorAlert error={error} /> : <Skeleton active />;
  return <PreferencesForm preferences={data} />;
}
