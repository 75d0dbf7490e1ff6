/**
 * The notification API's shapes, as its contract (docs/notifications.md) describes them.
 */

export type NotificationCategory = 'task' | 'safety' | 'status' | 'reminder' | 'escalation' | 'admin';

export interface Notification {
  id: number;
  kind: string;
  category: NotificationCategory;
  title: string;
  body: string;
  permit: { id: number; permit_number: string; title: string; location: string } | null;
  project: { id: number; name: string };
  /** Where the notification leads in the UI, e.g. `/permits/12?project=3`. */
  link: string;
  created_at: string;
  read_at: string | null;
  withdrawn_at: string | null;
  /** Whether it pops up when it arrives: tasks and safety alerts. */
  toast: boolean;
}

export interface NotificationPage {
  count: number;
  next: string | null;
  previous: string | null;
  results: Notification[];
}

export interface UnreadSummary {
  count: number;
  newest_id: number | null;
}

export interface MarkAllReadAnswer {
  marked: number;
}

export interface KindPreference {
  kind: string;
  label: string;
  description: string;
  category: NotificationCategory;
  channels: { in_app: boolean; email: boolean };
  in_app_required: boolean;
}

export interface Preferences {
  kinds: KindPreference[];
}

export interface PreferencesUpdate {
  kinds: { kind: string; channels: { in_app: boolean; email: boolean } }[];
}
