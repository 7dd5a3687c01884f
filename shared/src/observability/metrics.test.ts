import { describe, expect, it } from 'vitest';
import { MAX_OPERATION_NAMES, measureEventHandler, metricsRegistry, operationLabel } from './metrics.js';

describe('operation name labels', () => {
  it('keep names, call the nameless anonymous and anything else other', () => {
    expect(operationLabel('labels-a', 'SearchPage')).toBe('SearchPage');
    expect(operationLabel('labels-a', null)).toBe('anonymous');
    expect(operationLabel('labels-a', 'not a name {')).toBe('other');
    expect(operationLabel('labels-a', 'x'.repeat(65))).toBe('other');
  });

  it('stop growing past MAX_OPERATION_NAMES per service: later names count as other', () => {
    for (let i = 0; i < MAX_OPERATION_NAMES; i += 1) expect(operationLabel('labels-b', `Op${i}`)).toBe(`Op${i}`);
    expect(operationLabel('labels-b', 'OneTooMany')).toBe('other');
    expect(operationLabel('labels-b', 'Op7')).toBe('Op7');
    expect(operationLabel('labels-c', 'OneTooMany')).toBe('OneTooMany');
  });
});

describe('measured event handlers', () => {
  it('count applied and failed events by type and observe their lag', async () => {
    const occurredAt = new Date(Date.now() - 2000).toISOString();
    const ok = measureEventHandler('consumer-test', 'http', () => Promise.resolve());
    await ok([{ type: 'OrderPlaced', occurredAt }]);
    const failing = measureEventHandler('consumer-test', 'http', () => Promise.reject(new Error('down')));
    await expect(failing([{ type: 'OrderPlaced', occurredAt }])).rejects.toThrow('down');

    const text = await metricsRegistry.metrics();
    expect(text).toContain('gigmart_events_applied_total{consumer="consumer-test",type="OrderPlaced",transport="http",outcome="ok"} 1');
    expect(text).toContain('gigmart_events_applied_total{consumer="consumer-test",type="OrderPlaced",transport="http",outcome="error"} 1');
    // Two seconds late: counted in the 2.5 s bucket, not in the 1 s one.
    expect(text).toContain('gigmart_event_lag_seconds_bucket{le="1",consumer="consumer-test",type="OrderPlaced"} 0');
    expect(text).toContain('gigmart_event_lag_seconds_bucket{le="2.5",consumer="consumer-test",type="OrderPlaced"} 1');
  });
});
