import { callInternal } from '../auth/service-token.js';

/**
 * What the orders service asks the inbox before a seller sends a custom offer, over the internal
 * endpoint `POST {INBOX_URL}/internal/conversations/has-written` (service credential required, not
 * reachable through the gateway). Body: `{ "sellerId", "buyerId" }`; answer: `{ "hasWritten",
 * "blocked" }`: whether the buyer ever wrote to the seller, and whether their conversation is
 * blocked (sellers answer, they do not cold-call).
 */
export const HAS_WRITTEN_ROUTE = '/internal/conversations/has-written';

export interface HasWrittenRequest {
  sellerId: string;
  buyerId: string;
}

export interface HasWrittenResponse {
  /** The buyer wrote to the seller at least once. */
  hasWritten: boolean;
  /** Either of them blocked their conversation. */
  blocked: boolean;
}

export async function askHasWritten(
  inboxUrl: string,
  request: HasWrittenRequest,
  options: { serviceToken: string; requestId?: string },
): Promise<HasWrittenResponse> {
  return callInternal<HasWrittenResponse>(inboxUrl, HAS_WRITTEN_ROUTE, request, {
    token: options.serviceToken,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  });
}
