import type { components } from '@/lib/api/schema';

type Schemas = components['schemas'];

export type NotificationCategory = Schemas['NotificationCategoryEnum'];
export type Notification = Schemas['NotificationOut'];
export type NotificationPage = Schemas['PaginatedNotificationOutList'];
export type UnreadSummary = Schemas['UnreadOut'];
export type MarkAllReadAnswer = Schemas['ReadAllOut'];
export type KindPreference = Schemas['PreferenceOut'];
export type Preferences = Schemas['PreferencesOut'];
export type PreferencesUpdate = Schemas['PreferencesInRequest'];
