/** The site's settings file (src/lib/site/settings.ts). */
import { describe, expect, it } from 'vitest';
import { parseSiteSettings } from '../src/lib/site/settings';

describe('parseSiteSettings', () => {
  it('fills defaults', () => {
    const result = parseSiteSettings('title: Digest\ndescription: Papers.\n');
    expect(result).toEqual({
      ok: true,
      value: { title: 'Digest', description: 'Papers.', pageSize: 30, feedDays: 3, topicFeedItems: 50, dailyFeedDays: 30, relatedCount: 5, language: 'en' },
    });
  });

  it('names the bad field, and says when the YAML itself is broken', () => {
    const message = (text: string) => {
      const result = parseSiteSettings(text);
      return result.ok ? '' : result.message;
    };
    expect(message('title: Digest\ndescription: Papers.\npageSize: 2\n')).toMatch(/^field pageSize: /);
    expect(message('title: [unclosed')).toMatch(/^not valid YAML/);
  });
});
