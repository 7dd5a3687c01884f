import { outsideDeadline } from '@gigmart/shared';
import type { CategoryDoc, CategoryModel } from './model.js';

/**
 * The category tree changes only when the seed runs, and is small (tens of rows): every process
 * keeps it in memory and reloads it after a short time, so no request pays a query for categories
 * and a page of 50 gigs costs nothing for theirs.
 */
export class CategoryCatalog {
  private snapshot: Promise<Snapshot> | null = null;
  private loadedAt = 0;

  constructor(
    private readonly model: CategoryModel,
    private readonly maxAgeMs = 60_000,
  ) {}

  private load(): Promise<Snapshot> {
    if (!this.snapshot || Date.now() - this.loadedAt > this.maxAgeMs) {
      this.loadedAt = Date.now();
      // Loaded for every request waiting on it, so not under the deadline of the one that asked first.
      this.snapshot = outsideDeadline(() =>
        this.model
          .find()
          .sort({ position: 1, _id: 1 })
          .lean<CategoryDoc[]>()
          .exec()
          .then((docs) => new Snapshot(docs)),
      );
      this.snapshot.catch(() => {
        this.snapshot = null;
      });
    }
    return this.snapshot;
  }

  /** Forget the cached tree (after seeding). */
  invalidate(): void {
    this.snapshot = null;
  }

  async topLevel(): Promise<CategoryDoc[]> {
    return (await this.load()).childrenOf(null);
  }

  async bySlug(slug: string): Promise<CategoryDoc | null> {
    return (await this.load()).bySlug.get(slug) ?? null;
  }

  async byId(id: string): Promise<CategoryDoc | null> {
    return (await this.load()).byId.get(id) ?? null;
  }

  async childrenOf(id: string): Promise<CategoryDoc[]> {
    return (await this.load()).childrenOf(id);
  }

  /** The ids of a category and all its descendants (for "in this category" filters). */
  async subtreeIds(slug: string): Promise<string[] | null> {
    const snapshot = await this.load();
    const root = snapshot.bySlug.get(slug);
    if (!root) return null;
    const ids: string[] = [];
    const queue = [String(root._id)];
    while (queue.length) {
      const id = queue.shift()!;
      ids.push(id);
      queue.push(...snapshot.childrenOf(id).map((c) => String(c._id)));
    }
    return ids;
  }
}

class Snapshot {
  readonly byId = new Map<string, CategoryDoc>();
  readonly bySlug = new Map<string, CategoryDoc>();
  private readonly children = new Map<string | null, CategoryDoc[]>();

  constructor(docs: CategoryDoc[]) {
    for (const doc of docs) {
      this.byId.set(String(doc._id), doc);
      this.bySlug.set(doc.slug, doc);
      const parent = doc.parentId ? String(doc.parentId) : null;
      this.children.set(parent, [...(this.children.get(parent) ?? []), doc]);
    }
  }

  childrenOf(id: string | null): CategoryDoc[] {
    return this.children.get(id) ?? [];
  }
}
