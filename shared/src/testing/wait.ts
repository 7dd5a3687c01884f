/**
 * Polls `check` every `intervalMs` until it returns a truthy value, and returns that value; throws
 * `gave up waiting for <what>` after `tries` polls. For what happens in the background (an outbox
 * relay, a consumer, a job): tests wait for the outcome, never for a fixed time.
 */
export async function until<T>(
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  what: string,
  tries = 600,
  intervalMs = 50,
): Promise<T> {
  for (let i = 0; i < tries; i += 1) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}
