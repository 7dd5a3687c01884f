import { Schema, type Connection, type Model } from 'mongoose';

/** What the response metrics need of one conversation another member opened with the member. */
export interface ResponseFacts {
  openedAt: Date;
  /** The member's first message in it. */
  repliedAt?: Date;
  /** When the member first blocked it. */
  blockedAt?: Date;
}

/**
 * The facts of the conversations others opened with a member, one document per member and UTC day
 * of opening (`_id` `<memberId>:<YYYY-MM-DD>`), keyed by conversation id in `c`. Every write sets
 * what it knows with `$set` (the opening) and `$min` (the first reply, the first block), so writing
 * the same facts twice changes nothing and a write that was lost is made good by the next one.
 * Reading a page of members' metrics is one query over at most 91 days of documents per member,
 * never a scan of their conversations.
 *
 * Index: `memberId, day`.
 */
export interface ResponseDayDoc {
  _id: string;
  memberId: string;
  day: Date;
  c: Record<string, ResponseFacts>;
}

const responseDaySchema = new Schema<ResponseDayDoc>({
  _id: { type: String, required: true },
  memberId: { type: String, required: true },
  day: { type: Date, required: true },
  // No default: an upsert's defaults would collide with the `c.<id>.*` paths it sets.
  c: { type: Schema.Types.Mixed },
});
responseDaySchema.index({ memberId: 1, day: 1 });

export type ResponseDayModel = Model<ResponseDayDoc>;

export function responseDayModel(connection: Connection): ResponseDayModel {
  return connection.model<ResponseDayDoc>('ResponseDay', responseDaySchema, 'responsedays');
}
