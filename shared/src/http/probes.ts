/** Paths polled by probes and scrapers every few seconds: no span and no log line (they would drown both). */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);
