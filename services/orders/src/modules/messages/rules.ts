import { text } from '@gigmart/shared';
import { z } from 'zod';

/** The rules of an order message. Pure. */

export const MAX_MESSAGE_LENGTH = 2000;

export const sendOrderMessageInput = z.object({
  orderId: z.string(),
  body: text({ label: 'A message', min: 1, max: MAX_MESSAGE_LENGTH }),
});
