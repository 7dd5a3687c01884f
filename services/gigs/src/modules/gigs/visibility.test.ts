import type { Viewer } from '@gigmart/shared';
import { describe, expect, it } from 'vitest';
import type { GigStatus } from '../../generated/resolvers.js';
import { canArchiveGig, canEditGig, canViewGig, canViewReferencedGig, listableStatuses } from './visibility.js';

const SELLER = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const viewer = (id: string, roles: Viewer['roles'] = ['BUYER']): Viewer => ({ id, roles, tokenId: 't' });
const seller = viewer(SELLER, ['BUYER', 'SELLER']);
const other = viewer('bbbbbbbbbbbbbbbbbbbbbbbb');
const admin = viewer('cccccccccccccccccccccccc', ['BUYER', 'ADMIN']);

describe('canViewGig', () => {
  // status -> [anonymous, another member, the seller, an admin]
  const table: Record<GigStatus, [boolean, boolean, boolean, boolean]> = {
    DRAFT: [false, false, true, false],
    ACTIVE: [true, true, true, true],
    PAUSED: [true, true, true, true],
    ARCHIVED: [false, false, true, true],
  };
  for (const [status, expected] of Object.entries(table) as Array<[GigStatus, boolean[]]>) {
    it(`${status}: anonymous ${expected[0]}, other ${expected[1]}, seller ${expected[2]}, admin ${expected[3]}`, () => {
      const gig = { status, sellerId: SELLER };
      expect([null, other, seller, admin].map((v) => canViewGig(gig, v))).toEqual(expected);
    });
  }

  it("resolves references (an order's or a review's gig) for every status but DRAFT", () => {
    const cases: Record<GigStatus, boolean[]> = {
      DRAFT: [false, false, true, false],
      ACTIVE: [true, true, true, true],
      PAUSED: [true, true, true, true],
      ARCHIVED: [true, true, true, true],
    };
    for (const [status, expected] of Object.entries(cases) as Array<[GigStatus, boolean[]]>) {
      const gig = { status, sellerId: SELLER };
      expect(
        [null, other, seller, admin].map((v) => canViewReferencedGig(gig, v)),
        status,
      ).toEqual(expected);
    }
  });

  it('lets the seller list every status, others ACTIVE and PAUSED', () => {
    expect(listableStatuses(SELLER, seller)).toEqual(['DRAFT', 'ACTIVE', 'PAUSED', 'ARCHIVED']);
    expect(listableStatuses(SELLER, other)).toEqual(['ACTIVE', 'PAUSED']);
    expect(listableStatuses(SELLER, admin)).toEqual(['ACTIVE', 'PAUSED']);
    expect(listableStatuses(SELLER, null)).toEqual(['ACTIVE', 'PAUSED']);
  });

  it('lets only the seller edit, the seller or an admin archive', () => {
    const gig = { status: 'ACTIVE' as const, sellerId: SELLER };
    expect([null, other, seller, admin].map((v) => canEditGig(gig, v))).toEqual([false, false, true, false]);
    expect([null, other, seller, admin].map((v) => canArchiveGig(gig, v))).toEqual([false, false, true, true]);
  });
});
