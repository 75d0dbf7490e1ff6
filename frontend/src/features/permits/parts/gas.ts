/**
 * Gas test input rules and how the server's judgement is shown. The server decides pass/fail, the
 * limit and freshness; these rules only catch a wrong entry before it is sent, mirroring the
 * server's checks: limits by gas (product spec §2.3 defaults, overridden by the project's and the
 * permit type's `gas_limits`), the unit each gas is measured in, the instrument's calibration age.
 */
import { formatDuration } from '@/lib/time/format';
import type { GasLimit } from '@/lib/api/models';

export const GAS_UNITS = ['%vol', '%LEL', 'ppm'] as const;

/** What a reading's value may look like: up to 6 digits, then up to 2 decimals. */
export const GAS_VALUE_PATTERN = /^-?(?=\.?\d)\d{0,6}(?:\.\d{0,2})?$/;

export const DEFAULT_CALIBRATION_MAX_AGE_DAYS = 180;

/** The order readings are taken in: oxygen, then flammables, then toxics; other gases after. */
const TEST_ORDER = ['O2', 'LEL', 'H2S', 'CO'];

interface LimitConfig {
  min?: string | number | null;
  max?: string | number | null;
  max_inclusive?: boolean;
  unit?: string;
}

const DEFAULT_LIMITS: Readonly<Record<string, LimitConfig>> = {
  O2: { min: '19.5', max: '23.5', max_inclusive: true, unit: '%vol' },
  LEL: { max: '10', max_inclusive: false, unit: '%LEL' },
  H2S: { max: '10', max_inclusive: false, unit: 'ppm' },
  CO: { max: '35', max_inclusive: false, unit: 'ppm' },
};

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The gases a permit may record, each with the unit it is measured in, in test order. */
export function configuredGases(projectLimits: unknown, typeLimits: unknown): { gas: string; unit: string }[] {
  const merged: Record<string, LimitConfig> = Object.fromEntries(
    Object.entries(DEFAULT_LIMITS).map(([gas, limit]) => [gas, { ...limit }]),
  );
  for (const overrides of [record(projectLimits), record(typeLimits)])
    for (const [gas, limit] of Object.entries(overrides)) merged[gas] = { ...merged[gas], ...record(limit) };
  const rank = (gas: string) => {
    const index = TEST_ORDER.indexOf(gas);
    return index === -1 ? TEST_ORDER.length : index;
  };
  return Object.entries(merged)
    .filter(([, limit]) => typeof limit.unit === 'string' && limit.unit !== '')
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([gas, limit]) => ({ gas, unit: String(limit.unit) }));
}

/** The limit the server applied, as a safety officer writes it: "≥ 19.5 and ≤ 23.5 %vol", "< 10 %LEL". */
export function describeLimit(limit: GasLimit): string {
  const parts: string[] = [];
  if (limit.min !== null && limit.min !== '') parts.push(`≥ ${limit.min}`);
  if (limit.max !== null && limit.max !== '') parts.push(`${limit.max_inclusive ? '≤' : '<'} ${limit.max}`);
  return [parts.join(' and '), limit.unit].filter((part) => part !== '').join(' ');
}

export interface Freshness {
  fresh: boolean;
  /** "fresh for 1 h 52 min", or "stale". */
  text: string;
}

/** Whether a reading still counts, by the server's `fresh_until`. */
export function freshness(freshUntil: string, now: Date): Freshness {
  const left = new Date(freshUntil).getTime() - now.getTime();
  return left > 0 ? { fresh: true, text: `fresh for ${formatDuration(left)}` } : { fresh: false, text: 'stale' };
}

/** Days from one calendar date ("YYYY-MM-DD") to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Why a calibration date is refused, or null: not in the future, not older than the project allows. */
export function calibrationProblem(calibratedOn: string, today: string, maxAgeDays: number): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(calibratedOn) || Number.isNaN(Date.parse(calibratedOn))) return 'Give a date.';
  const age = daysBetween(calibratedOn, today);
  if (age < 0) return 'The calibration date cannot be in the future.';
  if (age > maxAgeDays) return `Calibration older than ${String(maxAgeDays)} days: recalibrate the instrument.`;
  return null;
}
