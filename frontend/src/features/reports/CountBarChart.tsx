import { Bar } from '@ant-design/plots';
import type { CountItem } from './ReportCharts';

const BAR_HEIGHT = 32;
const AXIS_MARGIN = 32;
/** Room right of the longest bar for its count. */
const LABEL_ROOM = 32;

/**
 * Counts as horizontal bars in each item's own colour, labelled with their values. The one module
 * that imports the charting library: the reports page loads it lazily, so no other page carries it.
 */
export function CountBarChart({ items }: { items: readonly CountItem[] }) {
  return (
    <Bar
      data={[...items]}
      xField="label"
      yField="count"
      height={items.length * BAR_HEIGHT + AXIS_MARGIN}
      axis={{ y: false }}
      legend={false}
      animate={false}
      label={{ text: 'count', position: 'right', textAlign: 'start', dx: 4 }}
      paddingRight={LABEL_ROOM}
      style={{ fill: (item: CountItem) => item.color, maxWidth: 24 }}
      tooltip={{ title: 'label', items: [{ field: 'count', name: 'Permits' }] }}
    />
  );
}
