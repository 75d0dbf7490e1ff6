import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import type { LocationNode } from './types';

interface TreeOption {
  value: number;
  title: string;
  /** What the search matches: code and name. */
  search: string;
  children: TreeOption[];
}

/** The flat node list as a tree (children under their parent, by code); a node whose parent is missing is a root. */
export function locationOptions(nodes: readonly LocationNode[]): TreeOption[] {
  const byParent = new Map<number | null, LocationNode[]>();
  const ids = new Set(nodes.map((node) => node.id));
  for (const node of nodes) {
    const parent = node.parent !== null && ids.has(node.parent) ? node.parent : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), node]);
  }
  const build = (parent: number | null): TreeOption[] =>
    (byParent.get(parent) ?? [])
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((node) => ({
        value: node.id,
        title: `${node.code} — ${node.name}`,
        search: `${node.code} ${node.name}`.toLowerCase(),
        children: build(node.id),
      }));
  return build(null);
}

interface LocationPickerProps {
  nodes: readonly LocationNode[];
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  loading?: boolean;
  disabled?: boolean;
}

/** A node of the project's location tree (area → unit → equipment), searchable by code and name. */
export function LocationPicker({ nodes, value, onChange, id, loading, disabled }: LocationPickerProps) {
  const treeData = useMemo(() => locationOptions(nodes), [nodes]);
  return (
    <TreeSelect<number | null>
      id={id}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      treeData={treeData}
      showSearch
      allowClear
      loading={loading}
      disabled={disabled}
      treeDefaultExpandAll={nodes.length <= 30}
      placeholder={nodes.length === 0 && loading !== true ? 'No locations set up for this project' : 'Search by code or name'}
      filterTreeNode={(input, node) => (node as unknown as TreeOption).search.includes(input.trim().toLowerCase())}
      treeNodeFilterProp="search"
      popupMatchSelectWidth
      style={{ width: '100%' }}
    />
  );
}
