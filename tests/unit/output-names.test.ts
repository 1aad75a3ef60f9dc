import { describe, expect, it } from 'vitest';
import { fitFilePath, fitPath, fitSegment, MAX_PATH_BYTES, MAX_SEGMENT_BYTES } from '../../src/core/links/name-length.ts';
import { slugForAttachmentPath, slugForNotePath, slugForTag } from '../../src/core/links/slug.ts';
import { asContentPath } from '../../src/core/common/types.ts';

const bytes = (text: string) => Buffer.byteLength(text);

describe('names that fit the file system', () => {
  it('leave names that fit alone, and shorten the others deterministically, with a hash of the whole', () => {
    expect(fitSegment('how-to')).toBe('how-to');
    const long = 'a'.repeat(300);
    expect(fitSegment(long)).toBe(fitSegment(long));
    expect(fitSegment(long)).toMatch(/^a{189}-[0-9a-f]{10}$/);
    expect(fitSegment(`${'a'.repeat(250)}b`)).not.toBe(fitSegment(`${'a'.repeat(250)}c`));
    // Cut between characters, never inside one, and never leaving a mark without its letter.
    const dotted = 'i\u0307'.repeat(100);
    expect(bytes(fitSegment(dotted))).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect(fitSegment(dotted)).toMatch(/i-[0-9a-f]{10}$/);
  });

  it('keep every slug within the limits, from file names, tags, aliases and attachments', () => {
    const cases = [
      slugForNotePath(asContentPath(`${'İ'.repeat(120)}.md`)),
      slugForNotePath(asContentPath(`${'deep/'.repeat(300)}note.md`)),
      slugForTag('漢'.repeat(150)),
      slugForAttachmentPath(asContentPath(`media/${'x'.repeat(300)}.png`)),
    ];
    for (const slug of cases) {
      expect(bytes(slug)).toBeLessThanOrEqual(MAX_PATH_BYTES);
      for (const segment of slug.split('/')) expect(bytes(segment)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    }
    expect(cases[3]).toMatch(/^media\/x{185}-[0-9a-f]{10}\.png$/);
    expect(fitPath(`${'deep/'.repeat(300)}note`)).toMatch(/^(deep\/){151}[0-9a-f]{10}$/);
    expect(fitFilePath(`${'deep/'.repeat(300)}file.png`)).toMatch(/^(deep\/){150}[0-9a-f]{10}\.png$/);
  });
});
