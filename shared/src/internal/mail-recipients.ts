import { callInternal } from '../auth/service-token.js';

/**
 * What the inbox's mailer asks the users service before it sends notification mail, over the
 * internal endpoint `POST {USERS_URL}/internal/mail-recipients` (service credential required, not
 * reachable through the gateway). Body: `{ "ids": string[] }` (1-100); answer: `{ "recipients":
 * MailRecipient[] }`, unknown ids left out. Email addresses leave the users service only here.
 */
export const MAIL_RECIPIENTS_ROUTE = '/internal/mail-recipients';
export const MAX_MAIL_RECIPIENT_IDS = 100;

export interface MailRecipient {
  id: string;
  email: string;
  displayName: string;
}

export interface MailRecipientsRequest {
  ids: string[];
}

export interface MailRecipientsResponse {
  recipients: MailRecipient[];
}

export async function fetchMailRecipients(
  usersUrl: string,
  ids: readonly string[],
  options: { serviceToken: string; requestId?: string },
): Promise<MailRecipient[]> {
  const body: MailRecipientsRequest = { ids: [...ids] };
  const { recipients } = await callInternal<MailRecipientsResponse>(usersUrl, MAIL_RECIPIENTS_ROUTE, body, {
    token: options.serviceToken,
    ...(options.requestId ? { requestId: options.requestId } : {}),
  });
  return recipients;
}
