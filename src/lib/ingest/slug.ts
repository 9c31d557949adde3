import { titleKey } from './normalise';

const MAX_SLUG_LENGTH = 80;

/**
 * A readable URL slug from a title: ASCII letters and digits joined by single hyphens, at most 80 characters,
 * cut at a word boundary. Returns '' when the title has no Latin letters or digits at all.
 */
export function slugify(title: string): string {
  const ascii = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[æ]/gi, 'ae')
    .replace(/[ø]/gi, 'o')
    .replace(/[łŁ]/g, 'l')
    .toLowerCase()
    .replace(/\+\+/g, 'pp')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (ascii.length <= MAX_SLUG_LENGTH) return ascii;
  const cut = ascii.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
}

/** FNV-1a 32-bit hash as 8 hex digits: a short, stable fingerprint (not for security). */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The base slug of a paper: its slugified title, or `paper-<hash>` when the title has nothing to slugify. */
export function baseSlug(title: string): string {
  return slugify(title) || `paper-${shortHash(titleKey(title))}`;
}
