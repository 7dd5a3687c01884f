import { describe, expect, it } from 'vitest';
import { refusals } from '../../../test/rules-support.js';
import { cleanCopyVerdict, contentVerdict, createUploadInput, freePendingSlot, imageVerdict, renditionWidths } from './rules.js';

const declared = (
  purpose: 'GIG_IMAGE' | 'AVATAR' | 'DELIVERY' | 'MESSAGE_ATTACHMENT',
  contentType: string,
  sizeBytes = 100,
  name = 'f',
) => ({
  purpose,
  contentType,
  sizeBytes,
  name,
});

describe('createUploadInput', () => {
  it.each([
    [declared('GIG_IMAGE', 'image/png'), []],
    [declared('GIG_IMAGE', 'IMAGE/PNG'), []],
    [declared('GIG_IMAGE', 'image/gif'), [['contentType', 'INVALID']]],
    [declared('AVATAR', 'image/webp', 5 * 1024 * 1024 + 1), [['sizeBytes', 'TOO_LONG']]],
    [declared('DELIVERY', 'application/x-msdownload'), [['contentType', 'INVALID']]],
    [declared('DELIVERY', 'application/zip', 0), [['sizeBytes', 'TOO_SHORT']]],
    [declared('MESSAGE_ATTACHMENT', 'not a type'), [['contentType', 'INVALID']]],
    [declared('MESSAGE_ATTACHMENT', 'text/plain', 100, 'dir/name.txt'), [['name', 'INVALID']]],
    [declared('MESSAGE_ATTACHMENT', 'text/plain', 100, 'run.sh'), [['contentType', 'INVALID']]],
    [declared('MESSAGE_ATTACHMENT', 'text/plain', 100, ''), [['name', 'TOO_SHORT']]],
  ])('%j → %j', (input, expected) => {
    expect(refusals(createUploadInput, input).map(([field, code]) => [field?.replace('input.', ''), code])).toEqual(expected);
  });
});

describe('contentVerdict', () => {
  it.each([
    [declared('GIG_IMAGE', 'image/png'), { sizeBytes: 100, sniffedType: 'image/png' }, { ok: true, contentType: 'image/png' }],
    [declared('GIG_IMAGE', 'image/png'), { sizeBytes: 100, sniffedType: 'image/jpeg' }, { ok: true, contentType: 'image/jpeg' }],
    [declared('GIG_IMAGE', 'image/png'), { sizeBytes: 100, sniffedType: null }, { ok: false }],
    [declared('GIG_IMAGE', 'image/png'), { sizeBytes: 100, sniffedType: 'application/x-msdownload' }, { ok: false }],
    [declared('DELIVERY', 'application/pdf'), { sizeBytes: 100, sniffedType: 'application/x-elf' }, { ok: false }],
    [declared('DELIVERY', 'application/pdf'), { sizeBytes: 99, sniffedType: 'application/pdf' }, { ok: false }],
    [declared('DELIVERY', 'application/pdf'), { sizeBytes: null, sniffedType: null }, { ok: false }],
    [declared('DELIVERY', 'text/plain'), { sizeBytes: 100, sniffedType: null }, { ok: true, contentType: 'text/plain' }],
    [declared('DELIVERY', 'image/png'), { sizeBytes: 100, sniffedType: null }, { ok: false }],
    [
      declared('DELIVERY', 'application/pdf'),
      { sizeBytes: 100, sniffedType: 'application/zip' },
      { ok: true, contentType: 'application/zip' },
    ],
  ])('%j with %j → %j', (input, facts, expected) => {
    expect(contentVerdict(input, facts)).toMatchObject(expected);
  });
});

describe('images', () => {
  it('need 400x300 as gig images, any size as avatars', () => {
    expect(imageVerdict('GIG_IMAGE', { width: 400, height: 300 }).ok).toBe(true);
    expect(imageVerdict('GIG_IMAGE', { width: 400, height: 299 }).ok).toBe(false);
    expect(imageVerdict('AVATAR', { width: 10, height: 10 }).ok).toBe(true);
  });

  it('keep their copy without metadata within the purpose limit', () => {
    expect(cleanCopyVerdict('AVATAR', 5 * 1024 * 1024).ok).toBe(true);
    expect(cleanCopyVerdict('AVATAR', 5 * 1024 * 1024 + 1)).toEqual({
      ok: false,
      reason: 'Without its metadata (camera, place) the image is 5242881 bytes, over the 5 MB limit of an avatar; send a smaller image.',
    });
    expect(cleanCopyVerdict('GIG_IMAGE', 5 * 1024 * 1024 + 1).ok).toBe(true);
  });

  it('get renditions 400 and 1200 wide, never wider than the original', () => {
    expect(renditionWidths(3000)).toEqual([400, 1200]);
    expect(renditionWidths(800)).toEqual([400, 800]);
    expect(renditionWidths(300)).toEqual([300]);
  });
});

describe('pending slots', () => {
  it('are p0..p19, then none', () => {
    expect(freePendingSlot([])).toBe('p0');
    expect(freePendingSlot(['p0', 'p2'], 0.99)).toBe('p19');
    expect(freePendingSlot(Array.from({ length: 20 }, (_, i) => `p${i}`))).toBeNull();
  });
});
