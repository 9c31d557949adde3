/** The papers site's page furniture (src/lib/ingest/furniture.ts): lines a dump carries that are not papers. */
import { describe, expect, it } from 'vitest';
import { GLUED_BUTTON, isFurniture } from '../src/lib/ingest/furniture';

describe('page furniture', () => {
  it('is a whole line of the papers site, never a line that only contains its words', () => {
    for (const line of [
      'Get trending papers in your email inbox once a day!',
      'Get trending papers in your email inbox!',
      'get trending papers in your email inbox',
      'Subscribe',
      'Daily Papers',
      'Trending papers',
    ])
      expect(isFurniture(line)).toBe(true);
    for (const line of [
      'How to get trending papers in your email inbox',
      'Get trending papers in your email inbox once a day!!',
      'Get trending papers in your email inbox once a day! Now',
      'Please Subscribe',
      'Subscribe to updates',
      'Our daily papers',
      'Trending papers of 2024',
    ])
      expect(isFurniture(line)).toBe(false);
  });

  it('finds the Subscribe button glued to the first title, only at the start of a line', () => {
    expect(GLUED_BUTTON.test('SubscribeHNeRV: A Hybrid Neural Representation')).toBe(true);
    expect(GLUED_BUTTON.test('Subscribe')).toBe(false);
    expect(GLUED_BUTTON.test('Why We SubscribeTo Things')).toBe(false);
  });
});
