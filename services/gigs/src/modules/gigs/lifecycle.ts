import type { GigStatus } from '../../generated/resolvers.js';

export type GigAction = 'publish' | 'pause' | 'archive';

/** DRAFT -> ACTIVE <-> PAUSED, anything -> ARCHIVED (final). */
const TRANSITIONS: Record<GigAction, { from: GigStatus[]; to: GigStatus }> = {
  publish: { from: ['DRAFT', 'PAUSED'], to: 'ACTIVE' },
  pause: { from: ['ACTIVE'], to: 'PAUSED' },
  archive: { from: ['DRAFT', 'ACTIVE', 'PAUSED'], to: 'ARCHIVED' },
};

export function transitionOf(action: GigAction): { from: GigStatus[]; to: GigStatus } {
  return TRANSITIONS[action];
}

/**
 * 'change': apply it; 'same': already there, answer the gig as it is (a retried request is not
 * an error); 'refused': not allowed from this status.
 */
export function planTransition(action: GigAction, status: GigStatus): 'change' | 'same' | 'refused' {
  const { from, to } = TRANSITIONS[action];
  if (status === to) return 'same';
  return from.includes(status) ? 'change' : 'refused';
}

/** Content can change until a gig is archived. */
export function canEditContent(status: GigStatus): boolean {
  return status !== 'ARCHIVED';
}
