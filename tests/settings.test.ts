/** The site's settings file (src/lib/site/settings.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseSiteSettings } from '../src/lib/site/settings';
import { loadSiteSettingsFile } from '../src/store/content-store';
import { FatalError } from '../src/store/errors';

describe('parseSiteSettings', () => {
  it('fills defaults', () => {
    const result = parseSiteSettings('title: Digest\ndescription: Papers.\n');
    expect(result).toEqual({
      ok: true,
      value: { title: 'Digest', description: 'Papers.', pageSize: 50, feedDays: 3, topicFeedItems: 50, dailyFeedDays: 30, relatedCount: 5, language: 'en' },
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

  it.each([
    ['pageSize', 5, 500],
    ['feedDays', 1, 60],
    ['topicFeedItems', 1, 1000],
    ['dailyFeedDays', 1, 366],
    ['relatedCount', 0, 20],
  ])('takes %s from %i to %i and nothing outside', (field, low, high) => {
    const withValue = (value: number) => parseSiteSettings(`title: Digest\ndescription: Papers.\n${field}: ${value}\n`);
    for (const value of [low, high]) expect(withValue(value)).toMatchObject({ ok: true, value: { [field]: value } });
    for (const value of [low - 1, high + 1])
      expect(withValue(value)).toEqual({ ok: false, message: expect.stringMatching(new RegExp(`^field ${field}: Too (small|big)`)) as unknown });
  });

  it('trims the title and description, refuses blank ones, and names the root when the file is not a mapping', () => {
    expect(parseSiteSettings("title: '  Digest  '\ndescription: ' Papers. '\n")).toMatchObject({
      ok: true,
      value: { title: 'Digest', description: 'Papers.' },
    });
    expect(parseSiteSettings("title: '   '\ndescription: Papers.\n")).toEqual({
      ok: false,
      message: expect.stringMatching(/^field title: Too small/) as unknown,
    });
    expect(parseSiteSettings("title: Digest\ndescription: ' '\n")).toEqual({
      ok: false,
      message: expect.stringMatching(/^field description: Too small/) as unknown,
    });
    expect(parseSiteSettings('just text')).toEqual({ ok: false, message: expect.stringMatching(/^field \(root\): Invalid input/) as unknown });
    const broken = parseSiteSettings('title: [unclosed');
    expect(!broken.ok && broken.message).toMatch(/^not valid YAML: .{10,}$/);
  });
});

describe('loadSiteSettingsFile', () => {
  it('reads the settings the build and the search worker use, and stops on a bad or missing file, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-settings-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'site.yaml');
    writeFileSync(file, 'title: Digest\ndescription: Papers.\nrelatedCount: 3\n');
    expect(loadSiteSettingsFile(file).relatedCount).toBe(3);
    writeFileSync(file, 'title: Digest\ndescription: Papers.\nrelatedCount: 99\n');
    expect(() => loadSiteSettingsFile(file)).toThrow(FatalError);
    expect(() => loadSiteSettingsFile(file)).toThrow(`${file}: field relatedCount`);
    expect(() => loadSiteSettingsFile(join(dir, 'missing.yaml'))).toThrow(`${join(dir, 'missing.yaml')}: cannot read the site settings file`);
  });
});
