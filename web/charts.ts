/**
 * Charts with Chart.js: returns per quarter as stacked bars, one measure's values against its floor and
 * target (or range) as lines. Colours come from the theme; every series is named in words in the legend,
 * lines differ in dash as well as colour, and the tables beside them carry every figure.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { DashboardData } from './api';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const charts = new Map<string, { destroy(): void }>();

function draw(id: string, config: ChartConfiguration<'bar' | 'line', (number | null)[]>): void {
  charts.get(id)?.destroy();
  const canvas = document.getElementById(id) as HTMLCanvasElement | null;
  if (!canvas) return;
  charts.set(id, new Chart(canvas, config));
}

const base = () => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: false as const,
  color: css('--fg'),
  plugins: { legend: { labels: { color: css('--fg') } } },
  scales: {
    x: { ticks: { color: css('--fg2') }, grid: { color: css('--line') } },
    y: { ticks: { color: css('--fg2') }, grid: { color: css('--line') }, beginAtZero: true },
  },
});

export function countsChart(d: DashboardData): void {
  const series: [string, keyof DashboardData['quarters'][number]['counts'], string][] = [
    ['✖ Red', 'red', '--red'],
    ['▲ Amber', 'amber', '--amber'],
    ['✔ Green', 'green', '--green'],
    ['– Not returned', 'notReturned', '--none'],
  ];
  const options = base();
  draw('counts-chart', {
    type: 'bar',
    data: {
      labels: d.quarters.map((q) => q.label),
      datasets: series.map(([label, key, colour]) => ({
        label,
        data: d.quarters.map((q) => q.counts[key]),
        backgroundColor: css(colour),
        borderColor: css('--bg'),
        borderWidth: 1,
      })),
    },
    options: {
      ...options,
      scales: { x: { ...options.scales.x, stacked: true }, y: { ...options.scales.y, stacked: true } },
    },
  });
}

export function measureChart(d: DashboardData, ref: string): void {
  const m = d.measures.find((x) => x.ref === ref);
  if (!m) {
    charts.get('kpi-chart')?.destroy();
    return;
  }
  const line = (label: string, data: (number | undefined)[], colour: string, dash: number[]) => ({
    label,
    data: data.map((v) => v ?? null),
    borderColor: css(colour),
    backgroundColor: css(colour),
    borderDash: dash,
    spanGaps: true,
    pointRadius: dash.length ? 0 : 4,
  });
  const datasets =
    m.kind === 'kpi'
      ? [
          line(
            `${m.ref} value`,
            m.points.map((p) => p?.value),
            '--brand',
            [],
          ),
          line(
            'Target',
            m.points.map((p) => p?.target),
            '--green',
            [8, 4],
          ),
          line(
            'Floor',
            m.points.map((p) => p?.floor),
            '--red',
            [2, 3],
          ),
        ]
      : [
          line(
            `${m.ref} value`,
            m.points.map((p) => p?.value),
            '--brand',
            [],
          ),
          line(
            'Upper end of range',
            m.points.map((p) => p?.upper),
            '--fg3',
            [8, 4],
          ),
          line(
            'Lower end of range',
            m.points.map((p) => p?.lower),
            '--fg3',
            [2, 3],
          ),
        ];
  const options = base();
  draw('kpi-chart', {
    type: 'line',
    data: { labels: d.quarters.map((q) => q.label), datasets },
    options: { ...options, scales: { ...options.scales, y: { ...options.scales.y, beginAtZero: false } } },
  });
}
