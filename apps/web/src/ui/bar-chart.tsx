import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import './bar-chart.css';

export type BarRow = {
  key: string;
  label: string;
  value: number;
  /** What the bar's end says ("33 %", "4"). */ shown: string;
};

type Props = {
  /** What the chart shows, for assistive technology; the numbers are in the table next to it. */
  title: string;
  rows: readonly BarRow[];
  /** The scale's end (1 for rates); the largest value when not given. */
  max?: number;
};

const WIDTH = 640;
const ROW = 28;
const LABEL = 200;
const FIGURE = 64;

/**
 * Horizontal bars drawn with visx (scales and shapes only: the chart is plain SVG the app
 * styles, so it follows the theme, dark mode and forced colours). The SVG is one image named by
 * `title`; every number is also in the table that goes with it (WCAG 1.1.1).
 */
export function BarChart({ title, rows, max }: Props) {
  const height = Math.max(1, rows.length) * ROW;
  const y = scaleBand<string>({ domain: rows.map((r) => r.key), range: [0, height], padding: 0.25 });
  const top = max ?? Math.max(1, ...rows.map((r) => r.value));
  const x = scaleLinear<number>({ domain: [0, top], range: [0, WIDTH - LABEL - FIGURE] });
  return (
    <svg className="bar-chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title}>
      <Group>
        {rows.map((row) => {
          const top = y(row.key) ?? 0;
          const width = Math.max(row.value > 0 ? 2 : 0, x(row.value));
          return (
            <g key={row.key}>
              <text
                className="bar-chart__label"
                x={LABEL - 8}
                y={top + y.bandwidth() / 2}
                textAnchor="end"
                dominantBaseline="middle"
              >
                {row.label.length > 28 ? `${row.label.slice(0, 27)}…` : row.label}
              </text>
              <Bar className="bar-chart__bar" x={LABEL} y={top} width={width} height={y.bandwidth()} rx={3} />
              <text
                className="bar-chart__figure"
                x={LABEL + width + 6}
                y={top + y.bandwidth() / 2}
                dominantBaseline="middle"
              >
                {row.shown}
              </text>
            </g>
          );
        })}
      </Group>
    </svg>
  );
}
