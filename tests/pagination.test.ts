/** Pages of a long list (src/lib/site/pagination.ts). */
import { describe, expect, it } from 'vitest';
import { pageCount, pageSlice } from '../src/lib/site/pagination';

describe('pagination', () => {
  it('counts pages, with one page for an empty list', () => {
    expect([pageCount(0, 30), pageCount(30, 30), pageCount(31, 30)]).toEqual([1, 1, 2]);
  });

  it('slices 1-based pages', () => {
    const items = [1, 2, 3, 4, 5];
    expect([pageSlice(items, 1, 2), pageSlice(items, 3, 2), pageSlice(items, 4, 2)]).toEqual([[1, 2], [5], []]);
  });
});
