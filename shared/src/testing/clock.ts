/**
 * A clock tests move by hand, so time-based rules (throttle windows, expiry, auto-completion) need no
 * waiting. Services take `clock: () => Date`; pass `clock.now`.
 */
export class TestClock {
  private offsetMs = 0;
  private fixed: Date | null;

  /** Runs with real time, shifted by `advance`; or stands still at `start` until moved. */
  constructor(start?: Date | string) {
    this.fixed = start === undefined ? null : new Date(start);
  }

  readonly now = (): Date => new Date((this.fixed ? this.fixed.getTime() : Date.now()) + this.offsetMs);

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(date: Date | string): void {
    this.fixed = new Date(date);
    this.offsetMs = 0;
  }
}
