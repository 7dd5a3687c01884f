import { describe, expect, it } from 'vitest';
import { chartFromResultsFile, escapeXml, niceTicks, throughputChart, type ChartRun } from '../src/chart.js';

/**
 * The chart is a document other tools open (browsers, GitHub): it has to be well-formed XML whatever
 * the titles hold, show every run as a bar with its figure, and never print NaN.
 */

/** A tiny well-formedness check: tags balance, no raw `<` or stray `&` in text or attributes. */
function assertWellFormed(svg: string): void {
  const body = svg.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const text = body.slice(last, m.index);
    expect(text).not.toMatch(/[<>]/);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name!);
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
  // Every & starts an entity.
  expect(body.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, '')).not.toContain('&');
}

const runs: ChartRun[] = [
  { title: '1. search page', target: 'ours', requestsPerSecond: 19.38 },
  { title: '1. search page', target: 'peer', requestsPerSecond: 16.87 },
  { title: "2'. gig page, gigs part", target: 'direct', requestsPerSecond: 386.31 },
  { title: "2'. gig page, gigs part", target: 'peer', requestsPerSecond: 246.71 },
  { title: "2'. gig page, gigs part", target: 'ours', requestsPerSecond: 249.8 },
  { title: '4. placeOrder', target: 'peer', requestsPerSecond: 11.99 },
  { title: '4. placeOrder', target: 'ours', requestsPerSecond: 11.89 },
];

const barFills = (svg: string) => [...svg.matchAll(/<rect class="bar"[^>]* fill="(#[0-9A-F]+)"/g)].map((m) => m[1]);

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10^n up to at least the maximum', () => {
    expect(niceTicks(386.31)).toEqual([0, 100, 200, 300, 400]);
    expect(niceTicks(19.38)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(1000)).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks(12)).toEqual([0, 5, 10, 15]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(23_456)).toEqual([0, 5000, 10000, 15000, 20000, 25000]);
  });

  it('prints decimal steps without floating-point noise', () => {
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(0.07)).toEqual([0, 0.02, 0.04, 0.06, 0.08]);
  });

  it('gives a unit axis for nothing to scale', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
    expect(niceTicks(-5)).toEqual([0, 1]);
    expect(niceTicks(Number.POSITIVE_INFINITY)).toEqual([0, 1]);
  });
});

describe('throughputChart', () => {
  it('draws one bar per run, grouped by operation in the given order, targets in a fixed order', () => {
    const svg = throughputChart(runs, { title: 'Throughput', subtitle: '2 cores' });
    assertWellFormed(svg);
    expect(svg.match(/<rect/g)).toHaveLength(runs.length);
    // ours blue, peer orange, direct green: within each group ours, then peer, then direct.
    expect(barFills(svg)).toEqual(['#0072B2', '#E69F00', '#0072B2', '#E69F00', '#009E73', '#0072B2', '#E69F00']);
    const order = ['1. search page', '2&apos;. gig page, gigs part', '4. placeOrder'].map((t) => svg.indexOf(`</title>${t}</text>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const label of ['19.4 req/s', '386 req/s', '250 req/s', '11.9 req/s']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('role="img"');
    expect(svg).toContain('aria-label="Throughput. 2 cores"');
    expect(svg).toContain('<title>Throughput</title>');
    expect(svg).toContain('<title>2&apos;. gig page, gigs part, gigs subgraph (direct): 386 req/s</title>');
    for (const legend of ['our gateway', 'Hive Gateway', 'gigs subgraph (direct)']) expect(svg).toContain(`>${legend}</text>`);
    // Gridlines at the nice ticks, up to 400 for a 386 req/s maximum.
    for (const tick of ['0', '100', '200', '300', '400']) expect(svg).toContain(`>${tick}</text>`);
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(svg).not.toMatch(/<script|<style|@import|<image/);
  });

  it('is the same string for the same runs', () => {
    expect(throughputChart(runs, { title: 'T' })).toBe(throughputChart(structuredClone(runs), { title: 'T' }));
  });

  it('escapes titles, subtitles and operation names', () => {
    const svg = throughputChart([{ title: 'a <b> & "c"', target: 'ours', requestsPerSecond: 5 }], {
      title: 'x < y & z',
      subtitle: "it's <fine>",
    });
    assertWellFormed(svg);
    expect(svg).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    expect(svg).toContain('x &lt; y &amp; z');
    expect(svg).toContain('it&apos;s &lt;fine&gt;');
    expect(svg).not.toContain('<b>');
    expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
  });

  it('draws nothing answered (0 req/s) and a missing figure (NaN) as empty bars, without NaN', () => {
    const svg = throughputChart(
      [
        { title: 'dead', target: 'ours', requestsPerSecond: 0 },
        { title: 'dead', target: 'peer', requestsPerSecond: Number.NaN },
        { title: 'dead', target: 'direct', requestsPerSecond: Number.POSITIVE_INFINITY },
      ],
      { title: 'nothing' },
    );
    assertWellFormed(svg);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(svg.match(/<rect/g)).toHaveLength(3);
    expect(svg.match(/width="0"/g)).toHaveLength(3);
    expect(svg).toContain('>0 req/s</text>');
    expect(svg.match(/>n\/a req\/s</g)).toHaveLength(2);
  });

  it('shows only the targets it has in the legend, and survives no runs at all', () => {
    const two = throughputChart(runs.slice(0, 2), { title: 'T' });
    expect(two).not.toContain('gigs subgraph (direct)');
    const none = throughputChart([], { title: 'T' });
    assertWellFormed(none);
    expect(none).not.toContain('<rect');
    expect(none).not.toMatch(/NaN/);
  });
});

describe('chartFromResultsFile', () => {
  const file = {
    startedAt: '2026-11-25T03:48:21.965Z',
    machine: { cpus: 2, cpuModel: 'AMD EPYC', memoryGiB: 23.5, node: 'v20.20.2' },
    dataset: { sellers: 500, gigs: 10000, orders: 50000, scale: 1 },
    load: { connections: 20, warmupSeconds: 3, durationSeconds: 10, tool: 'autocannon' },
    gatewayProcesses: 2,
    runs: runs.map((r, i) => ({
      operation: `op${i}`,
      title: r.title,
      target: r.target,
      result: { requestsPerSecond: r.requestsPerSecond, latencyMs: { p50: 1, p95: 2, p99: 3 } },
      shareOfYardstick: r.requestsPerSecond / 386.31,
    })),
  };

  it('charts the runs with the conditions of the run as subtitle', () => {
    const svg = chartFromResultsFile(file);
    assertWellFormed(svg);
    expect(svg.match(/<rect/g)).toHaveLength(runs.length);
    expect(svg).toContain(
      '>2 cores (AMD EPYC) · 10,000 gigs · 20 connections, 10 s per window · 2 process(es) per gateway · 2026-11-25 03:48 UTC</text>',
    );
  });

  it('refuses what is not a results file', () => {
    expect(() => chartFromResultsFile(null)).toThrow(/no "runs" array/);
    expect(() => chartFromResultsFile({ runs: [{ title: 'x', target: 'elsewhere', result: { requestsPerSecond: 1 } }] })).toThrow(
      /runs\[0\]/,
    );
    // Only the runs are required: the subtitle says what the file has.
    expect(chartFromResultsFile({ runs: [] })).toContain('<svg');
  });
});
