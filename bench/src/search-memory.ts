/**
 * `npm run search-memory -w bench [-- 10000 100000]`: how much memory one gigs process's search
 * index takes (services/gigs/src/modules/search), for catalogues of the given sizes. Builds the
 * index in this process from generated ACTIVE gigs (a vocabulary of 20,000 words drawn with a
 * Zipf-like skew, 8-word titles, 3 tags, 60-180-word descriptions: the contract's 120-1200
 * characters), forces a garbage collection, and reports the heap growth, the build time and the
 * time of a few searches. No database: the index holds the same whatever the source.
 */
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { GigSearchIndex, type IndexSource } from '../../services/gigs/src/modules/search/index.js';
import { seededRandom } from './dataset.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run search-memory -w bench does)');

const VOCABULARY = 20_000;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function vocabulary(random: () => number): string[] {
  const words = new Set<string>();
  while (words.size < VOCABULARY) {
    const length = 3 + Math.floor(random() * 9);
    let word = '';
    for (let i = 0; i < length; i += 1) word += LETTERS[Math.floor(random() * LETTERS.length)];
    words.add(word);
  }
  return [...words];
}

function heapMiB(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function measure(size: number): { size: number; heapMiB: number; buildSeconds: number; searchMs: number } {
  const random = seededRandom(size);
  const words = vocabulary(random);
  // Zipf-like: low ranks far more often.
  const pick = () => words[Math.floor(VOCABULARY * random() ** 3)]!;
  const phrase = (n: number) => Array.from({ length: n }, pick).join(' ');
  const gig = (): IndexSource => {
    const title = `I will ${phrase(6)}`;
    const tags = [pick(), pick(), `${pick()} ${pick()}`];
    const description = phrase(60 + Math.floor(random() * 120));
    return {
      _id: new Types.ObjectId(),
      title,
      description,
      tags,
      categoryId: new Types.ObjectId(),
      sellerId: new Types.ObjectId(),
      status: 'ACTIVE',
      startingPriceCents: 500 + Math.floor(random() * 100_000),
      minDeliveryDays: 1 + Math.floor(random() * 30),
      ratingSortKey: random() * 5,
      stats: { ordersCompleted: Math.floor(random() * 100) },
      createdAt: new Date(),
      updatedAt: new Date(),
      statsVersion: 0,
    };
  };
  const before = heapMiB();
  const started = performance.now();
  const index = new GigSearchIndex();
  // Each gig is made and indexed at once: only the index stays.
  for (let i = 0; i < size; i += 1) index.apply(gig(), index.ticket());
  const buildSeconds = (performance.now() - started) / 1000;
  const heap = heapMiB() - before;
  const queries = [[words[0]!], [words[10]!.slice(0, 3)], [`${words[5]!}x`], [words[1]!, words[2]!]];
  const searchStarted = performance.now();
  for (let i = 0; i < 20; i += 1) for (const query of queries) index.match(query);
  const searchMs = (performance.now() - searchStarted) / (20 * queries.length);
  if (index.size !== size) throw new Error('index size');
  return { size, heapMiB: heap, buildSeconds, searchMs };
}

const sizes = process.argv.slice(2).map(Number);
for (const size of sizes.length ? sizes : [10_000, 100_000]) {
  const r = measure(size);
  process.stdout.write(
    `${r.size.toLocaleString('en-US')} gigs: index ${r.heapMiB.toFixed(0)} MiB of heap (${((r.heapMiB * 2 ** 20) / r.size / 1024).toFixed(1)} KiB per gig), ` +
      `made and indexed in ${r.buildSeconds.toFixed(1)} s, a text match ${r.searchMs.toFixed(1)} ms on average\n`,
  );
}
