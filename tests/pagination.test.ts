/** Pages of a long list (src/lib/site/pagination.ts). */
import { describe, expect, it } from 'vitest';
import { pageCount, pageNewest, pageSlice } from '../src/lib/site/pagination';

/** A list of `n` items, newest first: n, n − 1, …, 1 (each item its place counted from the oldest). */
const newestFirst = (n: number) => Array.from({ length: n }, (_, i) => n - i);

describe('pagination numbered from the oldest', () => {
  it('counts full pages, the front page taking the rest, with one page for a short or empty list', () => {
    expect([0, 1, 49, 50, 99, 100, 149, 150, 151].map((n) => pageCount(n, 50))).toEqual([1, 1, 1, 1, 1, 2, 2, 3, 3]);
  });

  it('puts the oldest items on page 1 and the newest on the front page, every item once, newest first on each', () => {
    const items = newestFirst(149);
    expect(pageSlice(items, 1, 50)).toEqual(newestFirst(50));
    expect(pageSlice(items, 2, 50)).toEqual(items.slice(0, 99));
    expect(pageSlice(items, 2, 50)).toHaveLength(99);
    for (const n of [0, 1, 50, 99, 100, 101, 150, 237]) {
      const all = newestFirst(n);
      const pages = Array.from({ length: pageCount(n, 50) }, (_, i) => pageSlice(all, i + 1, 50));
      expect(pages.toReversed().flat(), `${n} items`).toEqual(all);
      for (const [i, page] of pages.entries()) {
        if (page.length > 0) expect(page[0], `${n} items, page ${i + 1}`).toBe(pageNewest(n, i + 1, 50));
        if (i < pages.length - 1) expect(page).toHaveLength(50);
        else if (n >= 50) expect(page.length).toBeGreaterThanOrEqual(50);
      }
    }
  });

  it('keeps every full page as it was when newer items come, so its address keeps its items', () => {
    const before = newestFirst(230);
    const after = newestFirst(230 + 57);
    for (let page = 1; page < pageCount(230, 50); page += 1) expect(pageSlice(after, page, 50)).toEqual(pageSlice(before, page, 50));
    expect(pageCount(287, 50)).toBe(5);
    expect(pageSlice(after, 4, 50)).toEqual(newestFirst(200).slice(0, 50));
  });

  it('gives no items for a page that does not exist', () => {
    expect([0, 3, 1.5, -1].map((page) => pageSlice(newestFirst(120), page, 50))).toEqual([[], [], [], []]);
    // Two past the last: the slice's bounds would wrap around to real items.
    expect([4, 5, 6].map((page) => pageSlice(newestFirst(199), page, 50))).toEqual([[], [], []]);
  });
});
