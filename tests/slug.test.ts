import { describe, expect, it } from 'vitest';
import { baseSlug, shortHash, slugify } from '../src/lib/ingest/slug';

describe('slugify', () => {
  it.each([
    ['HNeRV: A Hybrid Neural Representation for Videos', 'hnerv-a-hybrid-neural-representation-for-videos'],
    ['NeRV++: Better Videos', 'nervpp-better-videos'],
    ["D'OH: Decoder-Only random Hypernetworks", 'd-oh-decoder-only-random-hypernetworks'],
    ['Ünïcødé Tîtle — naïve café', 'unicode-title-naive-cafe'],
    ['Straße Łódź Ærø', 'strasse-lodz-aero'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['<script>alert(1)</script> Evil', 'script-alert-1-script-evil'],
  ])('%s → %s', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('cuts long titles at a word boundary, at most 80 characters', () => {
    const slug = slugify('Attention is All You Need? Good Embeddings with Statistics are enough:Large Scale Audio Understanding without Transformers');
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toBe('attention-is-all-you-need-good-embeddings-with-statistics-are-enough-large-scale');
  });

  it('keeps a slug of exactly 80 characters whole, and cuts a longer one at its last hyphen past the 20th character', () => {
    const eighty = `${'a'.repeat(39)}-${'b'.repeat(40)}`;
    expect(slugify(eighty)).toBe(eighty);
    expect(slugify(`${eighty}c`)).toBe('a'.repeat(39));
    // No hyphen past the 20th character: cut at 80, mid-word, rather than leave a stub.
    expect(slugify('x'.repeat(100))).toBe('x'.repeat(80));
    expect(slugify(`${'a'.repeat(20)}-${'b'.repeat(100)}`)).toBe(`${'a'.repeat(20)}-${'b'.repeat(59)}`);
    expect(slugify(`${'a'.repeat(21)}-${'b'.repeat(100)}`)).toBe('a'.repeat(21));
  });

  it('writes a hash as 8 hex digits, leading zeros kept', () => {
    expect(shortHash('t0')).toBe('0944ee69');
    expect(shortHash('')).toBe('811c9dc5');
  });

  it('gives a stable hash slug to a title with nothing to slugify', () => {
    expect(slugify('量子化ニューラルネットワーク')).toBe('');
    expect(baseSlug('量子化ニューラルネットワーク')).toMatch(/^paper-[0-9a-f]{8}$/);
    expect(baseSlug('量子化ニューラルネットワーク')).toBe(baseSlug('量子化ニューラルネットワーク'));
    expect(baseSlug('量子化')).not.toBe(baseSlug('量子化ニューラルネットワーク'));
  });
});
