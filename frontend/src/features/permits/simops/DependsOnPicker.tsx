import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { statusInfo } from '@/lib/permits/status';
import { useRelatedPermitSearch } from '../api/simops';
import type { RelatedPermit } from './types';

const SEARCH_DELAY_MS = 300;

function optionOf(permit: RelatedPermit) {
  return {
    value: permit.id,
    label: `${permit.permit_number} — ${permit.title} (${statusInfo(permit.status ?? '').label})`,
  };
}

interface DependsOnPickerProps {
  projectId: number;
  /** The permit being edited (never offered as its own dependency). */
  permitId?: number;
  /** The permits it already depends on, so their labels show before any search. */
  known: readonly RelatedPermit[];
  value?: number[];
  onChange?: (value: number[]) => void;
  id?: string;
}

/** Permits of the same project this one depends on (e.g. the isolation permit), found by number or title. */
export function DependsOnPicker({ projectId, permitId, known, value, onChange, id }: DependsOnPickerProps) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSearch(typed);
    }, SEARCH_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
    };
  }, [typed]);
  const found = useRelatedPermitSearch(projectId, search);
  const results = found.data?.results;
  // Labels of the permits chosen from earlier searches, so they stay named when a new search does not find them.
  const [chosenLabels, setChosenLabels] = useState<readonly RelatedPermit[]>(known);

  const options = useMemo(() => {
    const offered = (results ?? []).filter((permit) => permit.id !== permitId);
    const chosen = chosenLabels.filter(
      (permit) => value?.includes(permit.id) === true && !offered.some((other) => other.id === permit.id),
    );
    return [...chosen, ...offered].map(optionOf);
  }, [results, chosenLabels, value, permitId]);

  const change = (next: number[]) => {
    const named = [...chosenLabels, ...(results ?? [])];
    setChosenLabels(next.flatMap((id) => named.find((permit) => permit.id === id) ?? []));
    onChange?.(next);
  };

  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={change}
      options={options}
      showSearch
      filterOption={false}
      onSearch={setTyped}
      loading={found.isFetching}
      placeholder="Search permits by number or title"
      notFoundContent={found.isFetching ? 'Searching…' : 'No permit found'}
      // A phone is too narrow for number, title and status on one line: the option wraps instead of hiding the title.
      optionRender={(option) => <span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{option.label}</span>}
      style={{ width: '100%' }}
    />
  );
}
