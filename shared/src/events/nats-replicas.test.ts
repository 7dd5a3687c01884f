import type { NatsConnection } from 'nats';
import { describe, expect, it } from 'vitest';
import { streamReplicas } from './nats.js';

/** A new stream keeps one copy per server of the cluster the connection sees, at most three. */
describe('streamReplicas', () => {
  const seen = (connect_urls?: string[]) =>
    ({ info: connect_urls ? { connect_urls } : undefined }) as unknown as Pick<NatsConnection, 'info'>;

  it('is 1 for a lone server and one per cluster node up to 3', () => {
    expect(streamReplicas(seen())).toBe(1);
    expect(streamReplicas(seen([]))).toBe(1);
    expect(streamReplicas(seen(['127.0.0.1:4222']))).toBe(1);
    expect(streamReplicas(seen(['a:4222', 'b:4222', 'c:4222']))).toBe(3);
    expect(streamReplicas(seen(['a:4222', 'b:4222', 'c:4222', 'd:4222', 'e:4222']))).toBe(3);
    expect(streamReplicas(seen(['a:4222', 'a:4222']))).toBe(1);
  });
});
