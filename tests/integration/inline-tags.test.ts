import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../src/core/markdown/parse-note.ts';
import { resolveGardenConfig, type InlineTagPolicy } from '../../src/core/config/config.ts';
import { loadGarden } from '../../src/core/build/build.ts';
import { htmlOf } from '../support/render.ts';
import { asContentPath } from '../../src/core/common/types.ts';

const inlineTags = (text: string) => parseNote(text).facts.inlineTags;

describe("inline tags, by Obsidian's rule", () => {
  it('are letters, digits, _ - / and emoji after a space or at the start of a line, not only digits', () => {
    expect(inlineTags('#meeting and #inbox/to-read, #snake_case #y1984 #📚/reading')).toEqual([
      'meeting',
      'inbox/to-read',
      'snake_case',
      'y1984',
      '📚/reading',
    ]);
    expect(inlineTags('#1984 #12.34 issue#5 a#b `#code` [x](#anchor)')).toEqual([]);
    expect(inlineTags('#node.js')).toEqual(['node']);
    expect(inlineTags('%% #hidden %% <!-- #also -->')).toEqual([]);
  });
});

/** The Sourcegraph handbook's case: Slack channels are written `#channel`. */
const handbook = {
  'index.md':
    '---\ntags: [handbook, people/benefits]\n---\n# Home\n\nAsk in #ask-people-team or #it-tech-ops. See the #handbook and #people/benefits/leave.\n',
  'Other.md': '# Other\n\nSlack: #announce-company.\n',
};

async function gardenWith(policy: InlineTagPolicy) {
  const dir = mkdtempSync(path.join(tmpdir(), 'garden-tags-'));
  for (const [file, text] of Object.entries(handbook)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const garden = await loadGarden(resolveGardenConfig({ content: dir, tags: { inline: policy } }, {}));
  const home = garden.index.byPath.get(asContentPath('index.md'))!;
  return { tags: [...garden.index.tags.keys()], home: home.tags, html: htmlOf(garden, home) };
}

describe('the tags.inline option', () => {
  it('true (the default, as Obsidian): every #tag in the text is a tag and a link', async () => {
    const { tags, home, html } = await gardenWith(true);
    expect(tags).toEqual([
      'announce-company',
      'ask-people-team',
      'handbook',
      'it-tech-ops',
      'people',
      'people/benefits',
      'people/benefits/leave',
    ]);
    expect(home).toEqual(['handbook', 'people/benefits', 'ask-people-team', 'it-tech-ops', 'people/benefits/leave']);
    expect(html).toContain('<a href="/tags/ask-people-team/" class="tag">#ask-people-team</a>');
  });

  it('false: only the tags property makes tags; #words in the text stay text', async () => {
    const { tags, home, html } = await gardenWith(false);
    expect(tags).toEqual(['handbook', 'people', 'people/benefits']);
    expect(home).toEqual(['handbook', 'people/benefits']);
    expect(html).toContain('Ask in #ask-people-team or #it-tech-ops. See the #handbook and #people/benefits/leave.');
    expect(html).not.toContain('class="tag"');
  });

  it('"declared": a #tag counts when a note lists it (or a tag above it) in its tags property', async () => {
    const { tags, home, html } = await gardenWith('declared');
    expect(tags).toEqual(['handbook', 'people', 'people/benefits', 'people/benefits/leave']);
    expect(home).toEqual(['handbook', 'people/benefits', 'people/benefits/leave']);
    expect(html).toContain('Ask in #ask-people-team or #it-tech-ops.');
    expect(html).toContain('<a href="/tags/handbook/" class="tag">#handbook</a>');
    expect(html).toContain('<a href="/tags/people/benefits/leave/" class="tag">#people/benefits/leave</a>');
  });

  it('refuses another value with a message that says what each value means', () => {
    expect(() => resolveGardenConfig({ tags: { inline: 'yes' as never } }, {})).toThrow(
      /`tags.inline` must be true \(every `#tag` in the text is a tag\), false/,
    );
  });
});
