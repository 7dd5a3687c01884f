import { Types } from 'mongoose';

/** Malformed ids are a normal input (`gig(id: "nope")`): callers answer null, never a server error. */
export function isObjectId(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-f]{24}$/i.test(id);
}

export function toObjectId(id: string): Types.ObjectId | null {
  return isObjectId(id) ? new Types.ObjectId(id) : null;
}

export function newId(): Types.ObjectId {
  return new Types.ObjectId();
}
