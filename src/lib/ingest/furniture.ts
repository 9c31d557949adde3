/**
 * Page furniture (the "page chrome" of messages) that a copy of a trending-papers page carries around the list. A line that matches one of these
 * whole is not a title or an abstract. `Subscribe` is a button whose text sticks to the first title of a page.
 */
export const FURNITURE_LINES: readonly RegExp[] = [/^get trending papers in your email inbox( once a day)?!?$/i, /^subscribe$/i, /^(daily|trending) papers$/i];

export const GLUED_BUTTON = /^Subscribe(?=\S)/;

export function isFurniture(line: string): boolean {
  return FURNITURE_LINES.some((pattern) => pattern.test(line));
}
