import { describe, expect, it } from 'vitest';
import { relatedPapers } from '../src/lib/related';

const doc = (id: string, title: string, abstract: string) => ({ id, title, abstract });

describe('relatedPapers', () => {
  const docs = [
    doc('a', 'Neural audio codec', 'A neural audio codec with residual vector quantization compresses speech waveforms.'),
    doc('b', 'Speech codec at low bitrate', 'Residual vector quantization of speech waveforms gives a low bitrate codec.'),
    doc('c', 'Machine unlearning', 'Unlearning removes the influence of forgotten training samples from classifiers.'),
    doc('d', 'Certified unlearning', 'Removing the influence of training samples: certified unlearning for classifiers.'),
    doc('e', 'Image segmentation', 'Segmentation of medical images with convolutional networks and attention.'),
    doc('f', 'Medical image segmentation', 'Attention networks for segmentation of medical scans and images.'),
  ];

  it('finds the paper that shares the most distinctive words', () => {
    const related = relatedPapers(docs, { k: 1, maxDocumentShare: 1 });
    expect(related.get('a')).toEqual(['b']);
    expect(related.get('c')).toEqual(['d']);
    expect(related.get('f')).toEqual(['e']);
  });

  it('never lists a paper as related to itself, and gives at most k', () => {
    for (const [id, list] of relatedPapers(docs, { k: 3, maxDocumentShare: 1 })) {
      expect(list).not.toContain(id);
      expect(list.length).toBeLessThanOrEqual(3);
    }
  });

  it('is deterministic, whatever the input order', () => {
    const forward = relatedPapers(docs, { k: 2, maxDocumentShare: 1 });
    const backward = relatedPapers([...docs].reverse(), { k: 2, maxDocumentShare: 1 });
    for (const d of docs) expect(backward.get(d.id)).toEqual(forward.get(d.id));
  });

  it('relates nothing to a paper that shares no words', () => {
    expect(relatedPapers([...docs, doc('z', 'Zzz', 'Qqq xxx.')], { maxDocumentShare: 1 }).get('z')).toEqual([]);
  });
});
