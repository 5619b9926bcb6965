import type { BenchResult } from './lib';

const cell = (n: number, unit: string) => (Number.isFinite(n) ? `${n.toLocaleString('en')} ${unit}` : '—');

/** The Markdown table of a run, with the machine it ran on and each figure's explanation. */
export function writeReport(machine: Record<string, string>, seconds: number, results: BenchResult[]): string {
  const lines = [
    '# Benchmark results',
    '',
    `Run of ${machine.date} on ${machine.cpu}, ${machine.memory} RAM, ${machine.os}; Node ${machine.node}, Docker ${machine.docker}, ${machine.chromium}. Took ${seconds} s.`,
    '',
    'Each figure is compared with a baseline measured in the same run. Ratio = baseline ÷ ours (all figures are times: above 1 the console is faster, below 1 slower).',
    '',
    '| Benchmark | Ours | Baseline | Ratio | Target | Met |',
    '|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.title} | ${cell(r.ours, r.unit)} | ${cell(r.baseline, r.unit)} (${r.baselineName}) | ${Number.isFinite(r.ratio) ? `${r.ratio}×` : '—'} | ${r.target ?? ''} | ${r.met === undefined ? '' : r.met ? 'yes' : 'no'} |`),
    '',
    '## What each figure is',
    '',
    ...results.flatMap((r) => [`- **${r.title}**: ${r.notes}${r.extra ? ` Details: ${Object.entries(r.extra).map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en') : v}`).join(', ')}.` : ''}`]),
    '',
  ];
  return lines.join('\n');
}
