import { randomInt } from 'node:crypto';

/** Digits and capitals without the look-alikes 0/O, 1/I/L. */
export const ORDER_NUMBER_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const ORDER_NUMBER_PATTERN = /^FO[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

/** "FO" + 8 random characters: 31^8 ≈ 8.5e11 numbers; the unique index catches the rare collision. */
export function newOrderNumber(): string {
  let out = 'FO';
  for (let i = 0; i < 8; i += 1) out += ORDER_NUMBER_ALPHABET[randomInt(ORDER_NUMBER_ALPHABET.length)];
  return out;
}
