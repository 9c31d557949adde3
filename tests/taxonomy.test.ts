import { describe, expect, it } from 'vitest';
import { parseTaxonomy } from '../src/lib/topics/taxonomy';

const valid = `
settings: {}
topics:
  - slug: codecs
    name: Codecs
    description: Compression of signals.
    rules:
      - match: [image compression]
        weight: 3
`;

describe('parseTaxonomy', () => {
  it('reads a valid file and fills defaults', () => {
    const result = parseTaxonomy(valid);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.value.settings).toEqual({
        titleWeight: 3,
        threshold: 4,
        relativeThreshold: 0.3,
        strongScore: 8,
        openingWeight: 1,
        maxTopics: 4,
        repeatCap: 3,
      });
  });

  it('reads the subjects outside the taxonomy, with a default score, and refuses an empty list', () => {
    const withOutside = (lines: string) => parseTaxonomy(valid.replace('topics:', `outside:\n${lines}\ntopics:`));
    const read = withOutside('  match: [weather, protein*]');
    expect(read.ok && read.value.outside).toEqual({ match: ['weather', 'protein*'], score: 16 });
    const scored = withOutside('  match: [weather]\n  score: 12');
    expect(scored.ok && scored.value.outside?.score).toBe(12);
    expect(withOutside('  match: []')).toEqual({ ok: false, messages: ['field outside.match: Too small: expected array to have >=1 items'] });
    const none = parseTaxonomy(valid);
    expect(none.ok && none.value.outside).toBeUndefined();
  });

  it('names the topic and the field of a bad rule', () => {
    expect(parseTaxonomy(valid.replace('weight: 3', 'weight: 0'))).toMatchInlineSnapshot(`
      {
        "messages": [
          "topic “codecs”, field rules[0].weight: must not be 0",
        ],
        "ok": false,
      }
    `);
    expect(parseTaxonomy(valid.replace('match: [image compression]', 'match: []'))).toMatchInlineSnapshot(`
      {
        "messages": [
          "topic “codecs”, field rules[0].match: Too small: expected array to have >=1 items",
        ],
        "ok": false,
      }
    `);
  });

  it('rejects a bad slug and a duplicate topic', () => {
    const dup = `${valid}  - slug: codecs\n    name: Again\n    description: Again.\n    rules: [{ match: [x], weight: 1 }]\n`;
    expect(parseTaxonomy(dup)).toEqual({ ok: false, messages: ['topic “codecs”, field slug: “codecs” is used by two topics'] });
    expect(parseTaxonomy(valid.replace('slug: codecs', 'slug: Codecs!'))).toEqual({
      ok: false,
      messages: ['topic “Codecs!”, field slug: must be a lowercase slug (a-z, 0-9, single hyphens)'],
    });
  });

  it('refuses two phrases of one rule that match the same words, which would count each mention twice', () => {
    const withMatch = (list: string) => parseTaxonomy(valid.replace('[image compression]', list));
    expect(withMatch('[codec, image compression, Codecs]')).toEqual({
      ok: false,
      messages: [
        'topic “codecs”, field rules[0].match[2]: “Codecs” matches what “codec” matches (word forms are folded), so each mention would count twice: list one',
      ],
    });
    expect(withMatch('[text-to-speech, quantiz*, text to speech, quantiz*]')).toMatchObject({
      ok: false,
      messages: [
        expect.stringContaining('match[2]: “text to speech” matches what “text-to-speech”'),
        'topic “codecs”, field rules[0].match[3]: “quantiz*” is listed twice, so each mention would count twice: list it once',
      ],
    });
    // A word in capitals matches a part of what the word in any case matches: each of those mentions would count twice.
    expect(withMatch('[clip, CLIP]')).toMatchObject({ ok: false, messages: [expect.stringContaining('“CLIP” matches what “clip” matches')] });
    // Different words, a prefix and a word it starts, and the same phrase in two rules (a title bonus) are all fine.
    expect(withMatch('[quantiz*, quantization, codec, codec design, compression]').ok).toBe(true);
    const twoRules = valid.replace(
      '        weight: 3\n',
      '        weight: 3\n      - match: [image compression]\n        weight: 1\n        titleOnly: true\n',
    );
    expect(twoRules).toContain('titleOnly');
    expect(parseTaxonomy(twoRules).ok).toBe(true);
  });

  it('reports YAML syntax errors in one line', () => {
    const result = parseTaxonomy('topics: [unclosed');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.messages[0]).toMatch(/^not valid YAML: .{10,}$/);
      expect(result.messages[0]).not.toContain('\n');
    }
  });

  it('trims names, descriptions and phrases, and refuses ones that are only spaces', () => {
    const spaced = parseTaxonomy(valid.replace('name: Codecs', "name: '  Codecs  '").replace('[image compression]', "['  image compression ']"));
    expect(spaced.ok && [spaced.value.topics[0]!.name, spaced.value.topics[0]!.rules[0]!.match]).toEqual(['Codecs', ['image compression']]);
    expect(parseTaxonomy(valid.replace('name: Codecs', "name: '   '"))).toEqual({
      ok: false,
      messages: ['topic “codecs”, field name: Too small: expected string to have >=1 characters'],
    });
    expect(parseTaxonomy(valid.replace('description: Compression of signals.', "description: ' '"))).toEqual({
      ok: false,
      messages: ['topic “codecs”, field description: Too small: expected string to have >=1 characters'],
    });
    expect(parseTaxonomy(`outside:\n  match: ['  ']\n${valid}`)).toEqual({
      ok: false,
      messages: ['field outside.match.0: Too small: expected string to have >=1 characters'],
    });
  });

  it('allows one to four topics a paper, and names a topic without a slug by its place', () => {
    expect(parseTaxonomy(valid.replace('settings: {}', 'settings: { maxTopics: 4 }')).ok).toBe(true);
    expect(parseTaxonomy(valid.replace('settings: {}', 'settings: { maxTopics: 5 }'))).toEqual({
      ok: false,
      messages: ['field settings.maxTopics: Too big: expected number to be <=4'],
    });
    const second = `${valid}  - name: Nameless\n    description: No slug.\n    rules: [{ match: [x], weight: 1 }]\n`;
    expect(parseTaxonomy(second)).toEqual({ ok: false, messages: ['topic #2, field slug: Invalid input: expected string, received undefined'] });
    expect(parseTaxonomy(valid.replace('    rules:', '    primaryBias: 0\n    rules:'))).toEqual({
      ok: false,
      messages: ['topic “codecs”, field primaryBias: Too small: expected number to be >0'],
    });
    expect(parseTaxonomy('settings: {}\n')).toEqual({ ok: false, messages: ['field topics: Invalid input: expected array, received undefined'] });
  });
});
