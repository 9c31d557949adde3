/**
 * Pages of a list that grows at its newest end (a topic's papers), numbered from its oldest, so that a page once full
 * never changes: page 1 holds the oldest `size` items, page 2 the next `size`, and the last page, the list's front
 * page, the newest: from `size` to `2 × size − 1` of them (all of them while there are fewer than `2 × size`).
 *
 * Numbered from the newest instead, each new day moves every item one place down every page: "page 7" of a topic
 * shows other papers tomorrow (a bookmark, a link or a search engine's copy of it finds something else), and a host
 * that uploads changed files takes every page of every topic each day.
 */

/** How many pages a list of `total` items has at `size` per page; an empty list still has its one page. */
export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.floor(total / size));
}

/** The items of page `page` (1 the oldest, `pageCount` the front page) of a list in newest-first order. */
export function pageSlice<T>(newestFirst: readonly T[], page: number, size: number): T[] {
  const count = pageCount(newestFirst.length, size);
  if (page < 1 || page > count || !Number.isInteger(page)) return [];
  const total = newestFirst.length;
  return newestFirst.slice(page === count ? 0 : total - page * size, total - (page - 1) * size);
}

/** The place of a page's first (newest) item in the list counted from its oldest (1 the oldest item). */
export function pageNewest(total: number, page: number, size: number): number {
  return page === pageCount(total, size) ? total : page * size;
}
