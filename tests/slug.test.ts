import { describe, expect, it } from 'vitest';
import { baseSlug, slugify } from '../src/lib/ingest/slug';

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

  it('gives a stable hash slug to a title with nothing to slugify', () => {
    expect(slugify('量子化ニューラルネットワーク')).toBe('');
    expect(baseSlug('量子化ニューラルネットワーク')).toMatch(/^paper-[0-9a-f]{8}$/);
    expect(baseSlug('量子化ニューラルネットワーク')).toBe(baseSlug('量子化ニューラルネットワーク'));
    expect(baseSlug('量子化')).not.toBe(baseSlug('量子化ニューラルネットワーク'));
  });
});
