import type { NotificationCategory } from './api/types';

export interface CategoryInfo {
  readonly label: string;
  /** An Ant Design Tag colour. */
  readonly color: string;
}

/** The one dictionary of notification categories: every screen renders a category through it. */
export const CATEGORY_INFO: Readonly<Record<NotificationCategory, CategoryInfo>> = {
  task: { label: 'Task', color: 'blue' },
  safety: { label: 'Safety', color: 'red' },
  status: { label: 'Status', color: 'geekblue' },
  reminder: { label: 'Reminder', color: 'gold' },
  escalation: { label: 'Escalation', color: 'volcano' },
  admin: { label: 'Administration', color: 'default' },
};

export function categoryInfo(category: string): CategoryInfo {
  return category in CATEGORY_INFO
    ? CATEGORY_INFO[category as NotificationCategory]
    : { label: category, color: 'default' };
}

/** Said of a notification whose task someone else has already done. */
export const WITHDRAWN_TEXT = 'Done by someone else';
