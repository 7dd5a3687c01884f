import { isObjectId, startPeriodicJob, type Logger, type PeriodicJob } from '@gigmart/shared';
import type { GigModel } from '../gigs/index.js';
import { fingerprintOf, GigSearchIndex, INDEX_PROJECTION, type IndexSource } from './gig-index.js';

/** How often each process compares its index with the database (GIGS_SEARCH_RECONCILE_SECONDS). */
export const DEFAULT_RECONCILE_INTERVAL_MS = 30_000;
const PAGE = 1000;

export interface ReconcileResult {
  /** ACTIVE gigs in the database. */
  checked: number;
  /** Gigs read again because the index had them wrong or missed them, or had them but should not. */
  repaired: number;
}

/**
 * Keeps one process's index equal to the database: `build` at start, `refresh` of the gigs a
 * change or an order event touched, and `reconcile`, a pass that compares every ACTIVE gig's
 * fingerprint (updatedAt, statsVersion, status) with the index and reads again each one that
 * differs, is missing, or is indexed but no longer ACTIVE. Changes this process makes arrive at
 * once; changes another instance made (or anything written straight into the database) arrive
 * with the next pass, every `intervalMs`.
 */
export class SearchIndexSync {
  constructor(
    readonly index: GigSearchIndex,
    private readonly model: GigModel,
    private readonly logger: Logger,
  ) {}

  /** Loads every ACTIVE gig, in one pass over them. */
  async build(): Promise<number> {
    const ticket = this.index.ticket();
    let loaded = 0;
    for await (const doc of this.activeGigs<IndexSource>(INDEX_PROJECTION)) {
      this.index.apply(doc, ticket);
      loaded += 1;
    }
    return loaded;
  }

  /**
   * Every ACTIVE gig, streamed by one query in the database's own order, `PAGE` documents a batch.
   * Not in pages sorted by `_id`: the local database sorts and filters a range of `_id` itself
   * after decoding every match, so each page of 1,000 decoded all 10,000 gigs (a pass took about
   * 50 s of its CPU, more than the 30 s between passes); one unsorted query decodes each gig once.
   * The ticket is taken before the query: a gig that changes while the pass reads is applied with
   * a newer one, and the older read does not undo it.
   */
  private activeGigs<T>(projection: Record<string, 1>): AsyncIterable<T> {
    return this.model.find({ status: 'ACTIVE' }, projection).lean<T[]>().cursor({ batchSize: PAGE });
  }

  /** Reads these gigs again (one query per 500) and applies what is stored now. */
  async refresh(ids: Iterable<string>): Promise<number> {
    const all = [...new Set(ids)].filter(isObjectId);
    let changed = 0;
    for (let i = 0; i < all.length; i += 500) {
      const batch = all.slice(i, i + 500);
      const ticket = this.index.ticket();
      const docs = await this.model
        .find({ _id: { $in: batch } }, INDEX_PROJECTION)
        .lean<IndexSource[]>()
        .exec();
      const found = new Set<string>();
      for (const doc of docs) {
        found.add(String(doc._id));
        if (this.index.apply(doc, ticket)) changed += 1;
      }
      for (const id of batch) if (!found.has(id) && this.index.applyMissing(id, ticket)) changed += 1;
    }
    return changed;
  }

  /** One pass: the fingerprints of every ACTIVE gig against the index; what differs is read again. */
  async reconcile(): Promise<ReconcileResult> {
    const seen = new Set<string>();
    const differing: string[] = [];
    type Fingerprint = Pick<IndexSource, '_id' | 'updatedAt' | 'statsVersion' | 'status'>;
    for await (const doc of this.activeGigs<Fingerprint>({ updatedAt: 1, statsVersion: 1, status: 1 })) {
      const id = String(doc._id);
      seen.add(id);
      if (this.index.get(id)?.fingerprint !== fingerprintOf(doc)) differing.push(id);
    }
    for (const id of this.index.ids()) if (!seen.has(id)) differing.push(id);
    // Read again, not decided from the pass: a gig published or paused meanwhile is read as it is now.
    const repaired = differing.length ? await this.refresh(differing) : 0;
    return { checked: seen.size, repaired };
  }

  /** Runs `reconcile` every `intervalMs` (passes never overlap) until stopped. */
  start(intervalMs = DEFAULT_RECONCILE_INTERVAL_MS): PeriodicJob {
    return startPeriodicJob({
      name: 'search index reconciliation',
      logger: this.logger,
      intervalMs,
      run: async () => {
        const { checked, repaired } = await this.reconcile();
        if (repaired) this.logger.info({ checked, repaired }, 'search index: repaired drift');
      },
    });
  }
}
