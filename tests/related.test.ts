import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parsePaperFile } from '../src/lib/ingest/paper-file';
import { RELATED_FLOOR, relatedPapers, type RelatedInput } from '../src/lib/site/related';
import { ROOT } from './helpers';

const doc = (id: string, title: string, abstract: string, topics: string[] = []): RelatedInput => ({ id, title, abstract, topics });
const ids = (list: readonly { id: string }[] | undefined) => (list ?? []).map((r) => r.id);

describe('relatedPapers', () => {
  const docs = [
    doc('a', 'Neural audio codec', 'A neural audio codec with residual vector quantization compresses speech waveforms.'),
    doc('b', 'Speech codec at low bitrate', 'Residual vector quantization of speech waveforms gives a low bitrate codec.'),
    doc('c', 'Machine unlearning', 'Unlearning removes the influence of forgotten training samples from classifiers.'),
    doc('d', 'Certified unlearning', 'Removing the influence of training samples: certified unlearning for classifiers.'),
    doc('e', 'Image segmentation', 'Segmentation of medical images with convolutional networks and attention.'),
    doc('f', 'Medical image segmentation', 'Attention networks for segmentation of medical scans and images.'),
  ];
  const words = { maxDocumentShare: 1, floor: 0, unsortedFloor: 0 };

  it('finds the paper that shares the most distinctive words, and says which words', () => {
    const related = relatedPapers(docs, { ...words, k: 1 });
    expect(ids(related.get('a'))).toEqual(['b']);
    expect(ids(related.get('c'))).toEqual(['d']);
    expect(ids(related.get('f'))).toEqual(['e']);
    const why = related.get('a')![0]!;
    expect(why.terms.length).toBeGreaterThan(0);
    expect(why.terms.length).toBeLessThanOrEqual(3);
    for (const term of why.terms) expect(['codec', 'residual', 'vector', 'quantization', 'speech', 'waveforms']).toContain(term);
  });

  it('says the shared words as the paper writes them, not as they were folded to be compared', () => {
    const spelt = [
      doc('p', 'ASR with SoundStream patches', 'Our ASR model reads SoundStream patches of speech.'),
      doc('q', 'SoundStream for asr', 'Speech recognition (ASR) over SoundStream tokens and image patches.'),
      doc('x', 'Weather', 'Rain.'),
    ];
    const [why] = relatedPapers(spelt, { ...words, k: 1 }).get('p')!;
    expect([...why!.terms].sort()).toEqual(['ASR', 'SoundStream', 'patches']);
    // Each paper's own way: the other writes “asr” as often as “ASR”, and the first it wrote stands.
    expect(relatedPapers(spelt, { ...words, k: 1 }).get('q')![0]!.terms).toContain('asr');
  });

  it('never lists a paper as related to itself, and gives at most k', () => {
    for (const [id, list] of relatedPapers(docs, { ...words, k: 3 })) {
      expect(ids(list)).not.toContain(id);
      expect(list.length).toBeLessThanOrEqual(3);
    }
  });

  it('is deterministic, whatever the input order', () => {
    const forward = relatedPapers(docs, { ...words, k: 2 });
    const backward = relatedPapers([...docs].reverse(), { ...words, k: 2 });
    expect(forward.size).toBe(docs.length);
    for (const d of docs) expect(backward.get(d.id)).toEqual(forward.get(d.id));
  });

  it('relates nothing to a paper that shares no words', () => {
    expect(relatedPapers([...docs, doc('z', 'Zzz', 'Qqq xxx.')], words).get('z')).toEqual([]);
  });

  it('lists, for a paper with topics, only papers that share one, and names the shared topics', () => {
    const tagged = [
      doc('face', 'Face animation', 'Talking face generation with high perceptual quality from audio.', ['vision', 'generative']),
      doc('codec', 'Audio codec', 'An audio codec with high perceptual quality at low bitrate.', ['codecs']),
      doc('video', 'Video generation', 'Face video generation with diffusion and high perceptual quality.', ['generative']),
    ];
    const related = relatedPapers(tagged, { ...words, k: 5 });
    expect(ids(related.get('face'))).toEqual(['video']);
    expect(related.get('face')![0]!.topics).toEqual(['generative']);
    expect(ids(related.get('codec'))).toEqual([]);
  });

  it('tells shared topics apart in a taxonomy of more than 32 topics', () => {
    // The first paper's 33 topics fill one 32-bit word and start the next; the third paper's only topic is a 35th,
    // which shares a bit position (in the other word) with one of the first paper's.
    const first = Array.from({ length: 33 }, (_, i) => `topic-${i}`);
    const tagged = [
      doc('x', 'Audio codec', 'An audio codec with high perceptual quality at low bitrate.', first),
      doc('same', 'Speech codec', 'A speech codec with high perceptual quality at low bitrate.', ['topic-32']),
      doc('other', 'Music codec', 'A music codec with high perceptual quality at low bitrate.', ['topic-40', 'topic-41']),
      doc('far', 'Image segmentation', 'Segmentation of medical images with convolutional networks.', ['topic-0']),
    ];
    const related = relatedPapers(tagged, { ...words, k: 5 });
    expect(ids(related.get('x'))).toEqual(['same']);
    expect(related.get('x')![0]!.topics).toEqual(['topic-32']);
    expect(ids(related.get('other'))).toEqual([]);
  });

  it('lists fewer papers, or none, below the similarity floor', () => {
    const more = [...docs, doc('g', 'Audio segmentation', 'Segmentation of speech audio into words, with attention.')];
    const all = relatedPapers(more, { ...words, k: 5 });
    const floored = relatedPapers(more, { ...words, k: 5, floor: 0.3, unsortedFloor: 0.3 });
    const count = (m: Map<string, unknown[]>) => [...m.values()].reduce((n, l) => n + l.length, 0);
    expect(count(floored)).toBeGreaterThan(0);
    expect(count(floored)).toBeLessThan(count(all));
    for (const [id, list] of floored) expect(ids(all.get(id)).slice(0, list.length)).toEqual(ids(list));
  });
});

describe('relatedPapers: the words that count', () => {
  const open = { maxDocumentShare: 1, floor: 0, unsortedFloor: 0 };

  it('relates nothing by stopwords, numbers or words under three letters', () => {
    const docs = [doc('p', 'The 2024 ab', 'The results of the 2024 ab model.'), doc('q', 'The 2024 ab', 'Our results on the 2024 ab task.')];
    expect(ids(relatedPapers(docs, open).get('p'))).toEqual([]);
    const sharing = [doc('p', 'Codec', 'The 2024 codec.'), doc('q', 'Codec', 'Our 2024 codec.'), doc('x', 'Weather', 'Rain.')];
    expect(
      relatedPapers(sharing, open)
        .get('p')!
        .map((r) => r.terms),
    ).toEqual([['codec']]);
  });

  it('ignores a word in more papers than maxDocuments, and one in a single paper', () => {
    const docs = [...['p', 'q', 'r'].map((id) => doc(id, `Paper ${id}`, `A codec for ${id}lone.`)), doc('x', 'Weather', 'Rain.')];
    expect(ids(relatedPapers(docs, { ...open, maxDocuments: 3 }).get('p'))).toEqual(['q', 'r']);
    expect(ids(relatedPapers(docs, { ...open, maxDocuments: 2 }).get('p'))).toEqual([]);
    expect(
      relatedPapers(docs, { ...open, maxDocuments: 3 })
        .get('p')!
        .every((r) => r.terms.join() === 'codec'),
    ).toBe(true);
  });

  it('relates nothing by a word every paper has, and lists each paper once', () => {
    const docs = ['p', 'q', 'r'].map((id) => doc(id, `Codec ${id}`, 'A codec.'));
    expect([...relatedPapers(docs, open).values()].map((l) => ids(l))).toEqual([[], [], []]);
  });

  it('compares only a paper’s heaviest terms when told to', () => {
    const docs = [
      doc('p', 'Codec codec codec', 'Codec codec codec quantization.'),
      doc('q', 'Quantization', 'Quantization quantization.'),
      doc('r', 'Codec', 'Codec.'),
    ];
    expect(ids(relatedPapers(docs, { ...open, termsPerPaper: 1 }).get('p'))).toEqual(['r']);
    expect(ids(relatedPapers(docs, { ...open, termsPerPaper: 2 }).get('p'))).toEqual(['r', 'q']);
  });
});

describe('relatedPapers over the bundled papers', () => {
  const papers = readdirSync(join(ROOT, 'content/papers')).map((f) => {
    const read = parsePaperFile(readFileSync(join(ROOT, 'content/papers', f), 'utf8'));
    if (!read.ok) throw new Error(f);
    return { id: read.value.id, title: read.value.title, abstract: read.value.abstract, topics: read.value.topics.map((t) => t.slug) };
  });
  const wide = relatedPapers(papers, { k: 40 });
  const narrow = relatedPapers(papers, { k: 3 });
  const byId = new Map(papers.map((p) => [p.id, p]));

  it('orders each list by similarity, highest first, ties by id, every one over the floor and sharing a topic', () => {
    let links = 0;
    for (const [id, list] of wide) {
      links += list.length;
      for (let i = 1; i < list.length; i += 1) {
        const [a, b] = [list[i - 1]!, list[i]!];
        expect(a.score > b.score || (a.score === b.score && a.id < b.id)).toBe(true);
      }
      for (const r of list) {
        expect(r.id).not.toBe(id);
        expect(r.score).toBeGreaterThanOrEqual(byId.get(id)!.topics.length > 0 ? RELATED_FLOOR : 0.3);
        expect(r.score).toBeLessThanOrEqual(1 + 1e-9);
        if (byId.get(id)!.topics.length > 0) expect(r.topics.length).toBeGreaterThan(0);
        expect(r.topics.every((t) => byId.get(id)!.topics.includes(t) && byId.get(r.id)!.topics.includes(t))).toBe(true);
      }
    }
    expect(links).toBeGreaterThan(500);
  });

  it('keeps the best k: a short list is the start of a long one', () => {
    for (const [id, list] of narrow)
      expect(list.map((r) => r.id)).toEqual(
        wide
          .get(id)!
          .slice(0, 3)
          .map((r) => r.id),
      );
    expect([...narrow.values()].filter((l) => l.length === 3).length).toBeGreaterThan(100);
  });

  it('is symmetric in its scores: a paper’s score for another is the other’s for it', () => {
    let checked = 0;
    for (const [id, list] of wide)
      for (const r of list) {
        const back = wide.get(r.id)!.find((x) => x.id === id);
        if (back) {
          expect(back.score).toBeCloseTo(r.score, 12);
          checked += 1;
        }
      }
    expect(checked).toBeGreaterThan(500);
  });
});
