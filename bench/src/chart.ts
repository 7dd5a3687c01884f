/**
 * The throughput of a benchmark run as a picture: a horizontal grouped bar chart, one group per
 * operation, one bar per target (our gateway, Hive Gateway, the gigs subgraph straight), as one
 * self-contained SVG document (no fonts, scripts or styles from elsewhere), so it can sit next to
 * its results file, in a README or in a pull request as it is. Pure: the same runs give the same
 * string, byte for byte, so a committed chart changes only when its figures do.
 */

export type ChartTarget = 'ours' | 'peer' | 'direct';

/** What the chart needs of one run of run.ts: `{ title, target, requestsPerSecond: result.requestsPerSecond }`. */
export interface ChartRun {
  /** The operation's title ("1. search page"); runs with the same title form one group. */
  title: string;
  target: ChartTarget;
  requestsPerSecond: number;
}

export interface ChartOptions {
  title: string;
  subtitle?: string;
}

/** Within a group, bars always in this order (run.ts alternates which target goes first). */
const TARGETS: readonly ChartTarget[] = ['ours', 'peer', 'direct'];

const TARGET_LABEL: Record<ChartTarget, string> = {
  ours: 'our gateway',
  peer: 'Hive Gateway',
  direct: 'gigs subgraph (direct)',
};

/** Okabe-Ito colours: told apart with the common colour-vision deficiencies, readable on white. */
const TARGET_COLOUR: Record<ChartTarget, string> = {
  ours: '#0072B2',
  peer: '#E69F00',
  direct: '#009E73',
};

const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";
const WIDTH = 960;
const PAD = 16;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const GROUP_GAP = 18;
/** Rough advance of a 12 px sans-serif character: enough to reserve room, no font metrics needed. */
const CHAR_WIDTH = 6.6;
const MAX_LABEL_CHARS = 44;
/** Room right of the plot for the value label of a bar reaching the axis' end. */
const RIGHT_MARGIN = 96;

/** Text and attribute values of the document: `& < > " '` escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Axis ticks from 0 to at least `max`, at a step of 1, 2 or 5 × 10^n chosen so there are about
 * `count` intervals: round numbers a reader can interpolate between. A `max` that is not a positive
 * finite number gives [0, 1] (an empty axis still has a scale).
 */
export function niceTicks(max: number, count = 5): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0, 1];
  const raw = max / Math.max(1, Math.round(count));
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const step = (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
  const intervals = Math.ceil(clean(max / step));
  // clean(): 3 × 0.1 is 0.30000000000000004 in floating point; a tick must print as 0.3.
  return Array.from({ length: intervals + 1 }, (_, i) => clean(i * step));
}

/** A float rounded to 12 significant digits: rids products of decimal steps of their binary noise. */
function clean(n: number): number {
  return Number(n.toPrecision(12));
}

/** A coordinate: finite whatever comes in (no "NaN" in an attribute), one decimal at most. */
function coord(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0';
}

/** The req/s of a bar: whole numbers from 100 on, one decimal below (11.9 and 12.0 req/s writes are not both "12"). */
export function formatRate(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) < 100 ? 1 : 0 });
}

/** A tick label, with as many decimals as the step has (0.5, 2.5, not 1 and 3). */
function formatTick(n: number, step: number): string {
  const decimals = step > 0 && step < 1 ? Math.min(6, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** One group per title, in the order the titles first appear; bars in TARGETS order inside. */
function groupRuns(runs: ChartRun[]): Array<{ title: string; runs: ChartRun[] }> {
  const groups = new Map<string, ChartRun[]>();
  for (const run of runs) {
    const group = groups.get(run.title);
    if (group) group.push(run);
    else groups.set(run.title, [run]);
  }
  // Array.prototype.sort is stable: two runs of one target keep their order.
  return [...groups].map(([title, group]) => ({
    title,
    runs: [...group].sort((a, b) => TARGETS.indexOf(a.target) - TARGETS.indexOf(b.target)),
  }));
}

/** The bar length's value: what is not a finite, positive rate draws as an empty bar. */
function barValue(rate: number): number {
  return Number.isFinite(rate) && rate > 0 ? rate : 0;
}

export function throughputChart(runs: ChartRun[], options: ChartOptions): string {
  const groups = groupRuns(runs);
  const present = TARGETS.filter((t) => runs.some((r) => r.target === t));
  const ticks = niceTicks(Math.max(0, ...runs.map((r) => barValue(r.requestsPerSecond))));
  const axisMax = ticks[ticks.length - 1]!;
  const step = ticks[1]! - ticks[0]!;

  const longestTitle = Math.max(0, ...groups.map((g) => Math.min(MAX_LABEL_CHARS, g.title.length)));
  const plotLeft = Math.max(110, Math.ceil(longestTitle * CHAR_WIDTH) + 2 * PAD);
  const plotRight = WIDTH - RIGHT_MARGIN;
  const x = (value: number) => plotLeft + (barValue(value) / axisMax) * (plotRight - plotLeft);

  const out: string[] = [];
  let y = PAD + 18;
  const header: string[] = [];
  header.push(`<text x="${PAD}" y="${y}" font-size="18" font-weight="600" fill="#111">${escapeXml(options.title)}</text>`);
  if (options.subtitle) {
    y += 20;
    header.push(`<text x="${PAD}" y="${y}" font-size="12" fill="#555">${escapeXml(options.subtitle)}</text>`);
  }

  // Legend: the targets this chart has, in bar order. Swatches and background are paths: every
  // <rect> of the document is a bar.
  y += 24;
  let legendX = PAD;
  for (const target of present) {
    header.push(
      `<g class="legend"><path d="M${legendX} ${y - 10}h12v12h-12z" fill="${TARGET_COLOUR[target]}"/>` +
        `<text x="${legendX + 18}" y="${y}" font-size="12" fill="#333">${escapeXml(TARGET_LABEL[target])}</text></g>`,
    );
    legendX += 18 + Math.ceil(TARGET_LABEL[target].length * CHAR_WIDTH) + 24;
  }

  const plotTop = y + 18;
  let cursor = plotTop;
  const bars: string[] = [];
  for (const group of groups) {
    const groupHeight = group.runs.length * BAR_HEIGHT + (group.runs.length - 1) * BAR_GAP;
    bars.push(
      `<text x="${plotLeft - 10}" y="${coord(cursor + groupHeight / 2 + 4)}" font-size="12" text-anchor="end" fill="#111">` +
        `<title>${escapeXml(group.title)}</title>${escapeXml(truncate(group.title, MAX_LABEL_CHARS))}</text>`,
    );
    for (const run of group.runs) {
      const end = x(run.requestsPerSecond);
      const rate = formatRate(run.requestsPerSecond);
      const tip = `${group.title}, ${TARGET_LABEL[run.target]}: ${rate} req/s`;
      bars.push(
        `<g><title>${escapeXml(tip)}</title>` +
          `<rect class="bar" x="${coord(plotLeft)}" y="${coord(cursor)}" width="${coord(end - plotLeft)}" height="${BAR_HEIGHT}" fill="${TARGET_COLOUR[run.target]}"/>` +
          `<text x="${coord(end + 6)}" y="${coord(cursor + BAR_HEIGHT / 2 + 4)}" font-size="11" fill="#222">${escapeXml(rate)} req/s</text></g>`,
      );
      cursor += BAR_HEIGHT + BAR_GAP;
    }
    cursor += GROUP_GAP - BAR_GAP;
  }
  if (!groups.length) {
    bars.push(
      `<text x="${coord((plotLeft + plotRight) / 2)}" y="${plotTop + 20}" font-size="12" text-anchor="middle" fill="#555">no runs</text>`,
    );
    cursor += 40;
  }
  const plotBottom = cursor - GROUP_GAP + 8;

  // Gridlines first, so bars and labels are drawn over them.
  const grid: string[] = ticks.map((tick) => {
    const tx = coord(x(tick));
    return (
      `<line x1="${tx}" y1="${plotTop - 6}" x2="${tx}" y2="${coord(plotBottom)}" stroke="${tick === 0 ? '#888' : '#e3e3e3'}" stroke-width="1"/>` +
      `<text x="${tx}" y="${coord(plotBottom + 16)}" font-size="11" text-anchor="middle" fill="#555">${formatTick(tick, step)}</text>`
    );
  });
  const axisLabel = `<text x="${coord((plotLeft + plotRight) / 2)}" y="${coord(plotBottom + 36)}" font-size="12" text-anchor="middle" fill="#333">requests per second (higher is better)</text>`;
  const height = Math.ceil(plotBottom + 36 + PAD);

  const label = options.subtitle ? `${options.title}. ${options.subtitle}` : options.title;
  out.push(
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(label)}" font-family="${escapeXml(FONT)}">`,
    `<title>${escapeXml(options.title)}</title>`,
    `<desc>${escapeXml(describe(groups))}</desc>`,
    `<path d="M0 0H${WIDTH}V${height}H0z" fill="#fff"/>`,
    ...header,
    ...grid,
    ...bars,
    axisLabel,
    '</svg>',
    '',
  );
  return out.join('\n');
}

/** The figures in words, for screen readers and for whoever reads the file as text. */
function describe(groups: Array<{ title: string; runs: ChartRun[] }>): string {
  if (!groups.length) return 'No runs.';
  return groups
    .map((g) => `${g.title}: ${g.runs.map((r) => `${TARGET_LABEL[r.target]} ${formatRate(r.requestsPerSecond)} req/s`).join(', ')}.`)
    .join(' ');
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The chart of a results file as run.ts writes it (bench/results/<date>.json, parsed), with the
 * conditions of the run as its subtitle: figures from different machines are not comparable
 * without them. Throws on a file whose runs do not have the expected shape.
 */
export function chartFromResultsFile(json: unknown): string {
  if (!isRecord(json) || !Array.isArray(json['runs'])) throw new Error('not a bench results file: no "runs" array');
  const list: unknown[] = json['runs'];
  const runs = list.map((run, i): ChartRun => {
    const result = isRecord(run) ? run['result'] : undefined;
    const target = isRecord(run) ? run['target'] : undefined;
    if (
      !isRecord(run) ||
      typeof run['title'] !== 'string' ||
      !TARGETS.includes(target as ChartTarget) ||
      !isRecord(result) ||
      typeof result['requestsPerSecond'] !== 'number'
    ) {
      throw new Error(`not a bench results file: runs[${i}] has no title, target or result.requestsPerSecond`);
    }
    return { title: run['title'], target: target as ChartTarget, requestsPerSecond: result['requestsPerSecond'] };
  });
  return throughputChart(runs, { title: 'Gigmart gateway benchmark: throughput by operation', subtitle: subtitleOf(json) });
}

/** "2 cores (AMD EPYC) · 10,000 gigs · 20 connections, 10 s per window · 2026-11-25 03:48 UTC", from what the file has. */
function subtitleOf(json: Record<string, unknown>): string {
  const parts: string[] = [];
  const machine = json['machine'];
  if (isRecord(machine) && typeof machine['cpus'] === 'number') {
    const model = typeof machine['cpuModel'] === 'string' ? ` (${machine['cpuModel'].trim()})` : '';
    parts.push(`${machine['cpus']} cores${model}`);
  }
  const dataset = json['dataset'];
  if (isRecord(dataset) && typeof dataset['gigs'] === 'number') parts.push(`${dataset['gigs'].toLocaleString('en-US')} gigs`);
  const load = json['load'];
  if (isRecord(load) && typeof load['connections'] === 'number') {
    const duration = typeof load['durationSeconds'] === 'number' ? `, ${load['durationSeconds']} s per window` : '';
    parts.push(`${load['connections']} connections${duration}`);
  }
  if (typeof json['gatewayProcesses'] === 'number') parts.push(`${json['gatewayProcesses']} process(es) per gateway`);
  const started = typeof json['startedAt'] === 'string' ? new Date(json['startedAt']) : null;
  if (started && !Number.isNaN(started.getTime())) parts.push(`${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  return parts.join(' · ');
}
