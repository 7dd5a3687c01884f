/** What the subscription tests share: a subscription's results as they arrive, and a short pause. */

export interface Result {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A subscription's results as they arrive, and how it ended. */
export class Received {
  readonly results: Result[] = [];
  ended: 'complete' | 'error' | null = null;
  error: unknown = null;
  private waiters: Array<() => void> = [];
  readonly sink = {
    next: (r: unknown) => {
      this.results.push(r as Result);
      this.wake();
    },
    error: (e: unknown) => {
      this.ended = 'error';
      this.error = e;
      this.wake();
    },
    complete: () => {
      this.ended ??= 'complete';
      this.wake();
    },
  };
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }
  /** Waits (up to 20 s) until `check` holds. */
  async until(check: (r: this) => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!check(this)) {
      if (Date.now() > deadline)
        throw new Error(
          `gave up waiting for ${what}: ${JSON.stringify({ results: this.results, ended: this.ended, error: String(this.error) })}`,
        );
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
}

/** Resolves once the gateway acknowledged that the subscription is running (its first check is done). */
export const settle = () => new Promise((r) => setTimeout(r, 300));
