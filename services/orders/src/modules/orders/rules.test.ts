import { parseInput } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import { refusals } from '../../../test/harness.js';
import {
  canonicalJson,
  cancelOrderInput,
  deliverOrderInput,
  dueAtFrom,
  fingerprintOfOrder,
  isDueForAutoCompletion,
  isLate,
  placementFingerprint,
  placeOrderInput,
  requestRevisionInput,
  revisionsRemaining,
  submitRequirementsInput,
  type PlacementRequest,
} from './rules.js';

describe('lifecycle rules', () => {
  const due = new Date('2026-01-10T00:00:00Z');
  const before = new Date('2026-01-09T23:59:59Z');
  const after = new Date('2026-01-10T00:00:01Z');
  const base = { dueAt: due, deliveredLate: false, deliveryCount: 0, cancelledAt: null };

  it('isLate: while undelivered past dueAt', () => {
    expect(isLate({ ...base, status: 'IN_PROGRESS' }, before)).toBe(false);
    expect(isLate({ ...base, status: 'IN_PROGRESS' }, due)).toBe(false);
    expect(isLate({ ...base, status: 'IN_PROGRESS' }, after)).toBe(true);
    expect(isLate({ ...base, status: 'AWAITING_REQUIREMENTS', dueAt: null }, after)).toBe(false);
  });

  it('isLate: for good once delivered after dueAt, never when delivered on time', () => {
    expect(isLate({ ...base, status: 'COMPLETED', deliveryCount: 1, deliveredLate: true }, before)).toBe(true);
    expect(isLate({ ...base, status: 'COMPLETED', deliveryCount: 1 }, after)).toBe(false);
    expect(isLate({ ...base, status: 'IN_REVISION', deliveryCount: 1 }, after)).toBe(false);
  });

  it('isLate: a cancelled undelivered order is judged at its cancellation', () => {
    expect(isLate({ ...base, status: 'CANCELLED', cancelledAt: before }, new Date('2027-01-01'))).toBe(false);
    expect(isLate({ ...base, status: 'CANCELLED', cancelledAt: after }, new Date('2027-01-01'))).toBe(true);
  });

  it('dueAt is start + deliveryDays', () => {
    expect(dueAtFrom(new Date('2026-01-01T12:00:00Z'), 3).toISOString()).toBe('2026-01-04T12:00:00.000Z');
  });

  it('revisionsRemaining: null is unlimited, never negative', () => {
    expect(revisionsRemaining(null, 7)).toBeNull();
    expect(revisionsRemaining(2, 0)).toBe(2);
    expect(revisionsRemaining(2, 2)).toBe(0);
    expect(revisionsRemaining(0, 0)).toBe(0);
  });

  it('auto-completion is due exactly 3 days after the last delivery', () => {
    const delivered = new Date('2026-01-01T00:00:00Z');
    expect(isDueForAutoCompletion(delivered, new Date('2026-01-03T23:59:59.999Z'))).toBe(false);
    expect(isDueForAutoCompletion(delivered, new Date('2026-01-04T00:00:00Z'))).toBe(true);
  });
});

describe('placeOrder input', () => {
  const input = { gigId: 'g', tier: 'BASIC' };

  it('takes a client key of 1-100 characters, or none', () => {
    expect(parseInput(placeOrderInput, { ...input, idempotencyKey: 'checkout-1' }).idempotencyKey).toBe('checkout-1');
    expect(parseInput(placeOrderInput, { ...input, idempotencyKey: 'k'.repeat(100) }).idempotencyKey).toHaveLength(100);
    expect(parseInput(placeOrderInput, input).idempotencyKey).toBeNull();
    expect(parseInput(placeOrderInput, { ...input, idempotencyKey: null }).idempotencyKey).toBeNull();
  });

  it("refuses an empty or long key, and one in the service's own auto: and offer: namespaces", () => {
    const message = 'The idempotency key must be 1-100 characters, not starting with "auto:" or "offer:".';
    for (const idempotencyKey of ['', 'k'.repeat(101), 'auto:123', 'offer:123']) {
      expect(refusals(placeOrderInput, { ...input, idempotencyKey })).toEqual([['input.idempotencyKey', 'INVALID', message]]);
    }
  });

  it('refuses the CUSTOM tier: orders of that tier come from accepting a custom offer', () => {
    expect(refusals(placeOrderInput, { ...input, tier: 'CUSTOM' }).map(([field, code]) => [field, code])).toEqual([
      ['input.tier', 'INVALID'],
    ]);
  });
});

describe('submitRequirements input', () => {
  const questions = [
    { id: 'brand', question: 'What is your brand called?', required: true },
    { id: 'colours', question: 'Any colours you like?', required: false },
  ];
  const schema = submitRequirementsInput(questions);

  it("keeps the answered questions in the gig's order, trimmed, and drops empty optional answers", () => {
    const parsed = parseInput(schema, {
      orderId: 'o',
      answers: [
        { requirementId: 'colours', answer: '  deep green ' },
        { requirementId: 'brand', answer: 'Acme' },
      ],
    });
    expect(parsed.answers).toEqual([
      { requirementId: 'brand', question: 'What is your brand called?', answer: 'Acme' },
      { requirementId: 'colours', question: 'Any colours you like?', answer: 'deep green' },
    ]);
    expect(
      parseInput(schema, {
        orderId: 'o',
        answers: [
          { requirementId: 'brand', answer: 'Acme' },
          { requirementId: 'colours', answer: ' ' },
        ],
      }).answers,
    ).toHaveLength(1);
  });

  it('refuses unknown and repeated questions, long answers and unanswered required questions', () => {
    expect(refusals(schema, { orderId: 'o', answers: [{ requirementId: 'nope', answer: 'x' }] })).toEqual([
      ['input.answers.0.requirementId', 'INVALID', 'This gig has no such requirement.'],
      ['input.answers', 'INVALID', 'Please answer: What is your brand called?'],
    ]);
    expect(
      refusals(schema, {
        orderId: 'o',
        answers: [
          { requirementId: 'brand', answer: 'A' },
          { requirementId: 'brand', answer: 'B' },
        ],
      }),
    ).toEqual([['input.answers.1.requirementId', 'INVALID', 'This requirement is answered twice.']]);
    expect(refusals(schema, { orderId: 'o', answers: [{ requirementId: 'brand', answer: 'x'.repeat(2001) }] })).toEqual([
      ['input.answers.0.answer', 'TOO_LONG', 'An answer must be at most 2000 characters.'],
    ]);
    expect(refusals(schema, { orderId: 'o', answers: [{ requirementId: 'brand', answer: '  ' }] })).toEqual([
      ['input.answers.0.answer', 'TOO_SHORT', 'This question needs an answer.'],
    ]);
    expect(refusals(schema, { orderId: 'o', answers: [] })).toEqual([
      ['input.answers', 'INVALID', 'Please answer: What is your brand called?'],
    ]);
  });

  it('counts an answer in characters, not UTF-16 units', () => {
    expect(parseInput(schema, { orderId: 'o', answers: [{ requirementId: 'brand', answer: '🎨'.repeat(2000) }] }).answers).toHaveLength(1);
  });
});

describe('deliverOrder input', () => {
  it('trims the message and the links, and takes no attachments or files as none', () => {
    expect(parseInput(deliverOrderInput, { orderId: 'o', message: ' Done ', attachments: [' https://files.example.com/a.png '] })).toEqual({
      orderId: 'o',
      message: 'Done',
      attachments: ['https://files.example.com/a.png'],
      fileIds: [],
    });
    expect(parseInput(deliverOrderInput, { orderId: 'o', message: 'Done', attachments: null }).attachments).toEqual([]);
    expect(parseInput(deliverOrderInput, { orderId: 'o', message: 'Done' }).attachments).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(
      refusals(deliverOrderInput, {
        orderId: 'o',
        message: '   ',
        attachments: ['ftp://x', 'not a link', `https://x.example.com/${'a'.repeat(2000)}`],
      }),
    ).toEqual([
      ['input.message', 'TOO_SHORT', 'The delivery message must not be empty.'],
      ['input.attachments.0', 'INVALID', 'An attachment must be a http(s) link.'],
      ['input.attachments.1', 'INVALID', 'An attachment must be a http(s) link.'],
      ['input.attachments.2', 'INVALID', 'An attachment must be a http(s) link.'],
    ]);
    const links = Array.from({ length: 11 }, (_, i) => `https://files.example.com/${i}.png`);
    expect(refusals(deliverOrderInput, { orderId: 'o', message: 'x'.repeat(5001), attachments: [...links.slice(1), 'nope'] })).toEqual([
      ['input.message', 'TOO_LONG', 'The delivery message must be at most 5000 characters.'],
      ['input.attachments.10', 'INVALID', 'An attachment must be a http(s) link.'],
      ['input.attachments', 'TOO_LONG', 'At most 10 attachments.'],
    ]);
  });
});

describe('requestRevision and cancelOrder input', () => {
  it('needs a revision request of 1-2000 characters', () => {
    expect(parseInput(requestRevisionInput, { orderId: 'o', message: ' Rounder ' }).message).toBe('Rounder');
    expect(refusals(requestRevisionInput, { orderId: 'o', message: ' ' })).toEqual([
      ['input.message', 'TOO_SHORT', 'The revision request must not be empty.'],
    ]);
    expect(refusals(requestRevisionInput, { orderId: 'o', message: 'x'.repeat(2001) })).toEqual([
      ['input.message', 'TOO_LONG', 'The revision request must be at most 2000 characters.'],
    ]);
  });

  it('needs a reason of 1-1000 characters', () => {
    expect(parseInput(cancelOrderInput, { orderId: 'o', reason: 'x'.repeat(1000) }).reason).toHaveLength(1000);
    expect(refusals(cancelOrderInput, { orderId: 'o', reason: ' ' })).toEqual([
      ['input.reason', 'TOO_SHORT', 'The reason must not be empty.'],
    ]);
    expect(refusals(cancelOrderInput, { orderId: 'o', reason: 'x'.repeat(1001) })).toEqual([
      ['input.reason', 'TOO_LONG', 'The reason must be at most 1000 characters.'],
    ]);
  });
});

describe('the placement fingerprint', () => {
  const gigId = '0123456789abcdef01234567';

  it("is the same for the same request, whatever its field order or the gig id's case", () => {
    const fingerprint = placementFingerprint({ gigId, tier: 'BASIC' });
    expect(fingerprint).toMatch(/^v1:[0-9a-f]{64}$/);
    const reordered: PlacementRequest = { tier: 'BASIC', gigId };
    expect(placementFingerprint(reordered)).toBe(fingerprint);
    expect(placementFingerprint({ gigId: gigId.toUpperCase(), tier: 'BASIC' })).toBe(fingerprint);
  });

  it('differs for another gig or another tier', () => {
    const fingerprints = new Set([
      placementFingerprint({ gigId, tier: 'BASIC' }),
      placementFingerprint({ gigId, tier: 'PREMIUM' }),
      placementFingerprint({ gigId: '0123456789abcdef01234568', tier: 'BASIC' }),
    ]);
    expect(fingerprints.size).toBe(3);
  });

  it('is recomputed from what an order placed before fingerprints were kept records', () => {
    const order = {
      gigId,
      package: { tier: 'STANDARD' as const, name: 'S', priceCents: 1, deliveryDays: 1, revisions: null, gigTitle: 't' },
    };
    expect(fingerprintOfOrder(order)).toBe(placementFingerprint({ gigId, tier: 'STANDARD' }));
    expect(fingerprintOfOrder({ ...order, requestFingerprint: null })).toBe(placementFingerprint({ gigId, tier: 'STANDARD' }));
    expect(fingerprintOfOrder({ ...order, requestFingerprint: 'v1:stored' })).toBe('v1:stored');
  });

  it('hashes canonical JSON: keys sorted at every level, arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: null, e: 'x' }], c: true } })).toBe('{"a":{"c":true,"d":[2,{"e":"x","f":null}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: 'é' })).toBe('{"b":"é"}');
  });
});
