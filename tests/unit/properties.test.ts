import { describe, expect, it } from 'vitest';
import { splitFrontmatter } from '../../src/core/scan/frontmatter.ts';
import { frontmatterFields, type FrontmatterField } from '../../src/core/scan/schema.ts';

/** Reads one property from YAML as Obsidian writes it: the value used and the findings' rule and severity. */
function read(yaml: string) {
  const data = splitFrontmatter(`---\n${yaml}\n---\n`).data ?? {};
  const [key, value] = Object.entries(data)[0]!;
  const reading = frontmatterFields[key as FrontmatterField](value, key);
  return {
    value: reading.value,
    findings: (reading.findings ?? []).map((finding) => `${finding.severity} ${finding.rule}`),
    vaultOwn: reading.vaultOwn ?? false,
  };
}

describe('frontmatter properties, read as Obsidian reads them', () => {
  it.each([
    ['aliases:', []],
    ['aliases: ', []],
    ['aliases:\n  - ', []],
    ['aliases:\n  -', []],
    ['aliases:\n- ', []],
    ['aliases: []', []],
    ['aliases: ""', []],
    ['aliases:\n  - ""\n  - ', []],
    ['tags:\n  - ', []],
    ['tags: []', []],
  ])('an empty list property is an empty list, without a word: %j', (yaml, expected) => {
    expect(read(yaml)).toEqual({ value: expected, findings: [], vaultOwn: false });
  });

  it('reads a single value as a one-item list, and text with commas as a list (a notice)', () => {
    expect(read('aliases: LifeOS')).toEqual({ value: ['LifeOS'], findings: ['info frontmatter-read-as'], vaultOwn: false });
    expect(read('aliases: Doggo, Woofer, Yapper')).toMatchObject({ value: ['Doggo', 'Woofer', 'Yapper'] });
    expect(read('tags: Daily, bujo')).toEqual({ value: ['Daily', 'bujo'], findings: ['info frontmatter-read-as'], vaultOwn: false });
    expect(read('tags: recipe cooking')).toMatchObject({ value: ['recipe', 'cooking'] });
    expect(read('tags: "#meeting"')).toMatchObject({ value: ['meeting'] });
    expect(read('aliases:\n  - 1984\n  - true')).toEqual({ value: ['1984', 'true'], findings: [], vaultOwn: false });
  });

  it("keeps tags by Obsidian's tag rule: letters, digits, _ - /, emoji, not only digits", () => {
    expect(read('tags:\n  - project/alpha\n  - 🏢/companyA\n  - snake_case\n  - y1984')).toEqual({
      value: ['project/alpha', '🏢/companyA', 'snake_case', 'y1984'],
      findings: [],
      vaultOwn: false,
    });
    expect(read('tags:\n  - 1984\n  - ok\n  - node.js')).toEqual({
      value: ['ok'],
      findings: ['warning frontmatter-invalid'],
      vaultOwn: false,
    });
  });

  it('ignores list items that are not text, with a warning', () => {
    expect(read('aliases:\n  - ok\n  - { a: 1 }')).toEqual({ value: ['ok'], findings: ['warning frontmatter-invalid'], vaultOwn: false });
    expect(read('aliases: { a: 1 }')).toEqual({ value: [], findings: ['warning frontmatter-invalid'], vaultOwn: false });
  });

  it('reads text, numbers as text, and warns about a title the page cannot show', () => {
    expect(read('title: 1984')).toEqual({ value: '1984', findings: [], vaultOwn: false });
    expect(read('title:')).toEqual({ value: undefined, findings: [], vaultOwn: false });
    expect(read('title: [Only one]')).toEqual({ value: 'Only one', findings: ['info frontmatter-read-as'], vaultOwn: false });
    expect(read('title: [a, b]')).toEqual({ value: undefined, findings: ['warning frontmatter-invalid'], vaultOwn: false });
    expect(read('description: { a: 1 }').findings).toEqual(['warning frontmatter-invalid']);
  });

  it('reads checkboxes: true/false, the words written as text, empty as not set; an unreadable draft flag is an error', () => {
    expect(read('draft: true')).toEqual({ value: true, findings: [], vaultOwn: false });
    expect(read('publish:')).toEqual({ value: undefined, findings: [], vaultOwn: false });
    expect(read('publish: "false"')).toEqual({ value: false, findings: ['info frontmatter-read-as'], vaultOwn: false });
    expect(read('draft: Yes')).toMatchObject({ value: true });
    expect(read('draft: maybe')).toEqual({ value: undefined, findings: ['error frontmatter-invalid'], vaultOwn: false });
    expect(read('comments: maybe')).toEqual({ value: undefined, findings: ['warning frontmatter-invalid'], vaultOwn: false });
  });

  it("reads dates as Obsidian writes them, a daily-note link included; a date that does not exist is a warning, anything else the vault's own", () => {
    expect(read('created: 2024-05-31')).toMatchObject({ value: '2024-05-31', findings: [] });
    expect(read('created: 2020-08-21T10:30:00')).toMatchObject({ value: '2020-08-21T10:30:00', findings: [] });
    expect(read('created: "[[2024-01-05]]"')).toMatchObject({ value: '2024-01-05', findings: [] });
    expect(read('created: 2024-02-30')).toEqual({ value: undefined, findings: ['warning frontmatter-invalid'], vaultOwn: false });
    expect(read('updated: last week')).toEqual({ value: undefined, findings: ['info frontmatter-vault-value'], vaultOwn: true });
  });

  it('leaves a type or an owner the garden cannot use to the vault', () => {
    expect(read('type: feature')).toEqual({ value: undefined, findings: ['info frontmatter-vault-value'], vaultOwn: true });
    expect(read('type: FAQ')).toEqual({ value: 'faq', findings: [], vaultOwn: false });
    expect(read('owner:\n  - Ada Lovelace\n  - Grace Hopper')).toEqual({
      value: 'Ada Lovelace, Grace Hopper',
      findings: [],
      vaultOwn: false,
    });
    expect(read('owner: { team: core }')).toEqual({ value: undefined, findings: ['info frontmatter-vault-value'], vaultOwn: true });
  });

  it('refuses an id that cannot be used (an error), and reads a number as an id', () => {
    expect(read('id: 12345')).toEqual({ value: '12345', findings: [], vaultOwn: false });
    expect(read('id: "has space"')).toEqual({ value: undefined, findings: ['error frontmatter-invalid'], vaultOwn: false });
    expect(read('lang: english!')).toEqual({ value: undefined, findings: ['warning frontmatter-invalid'], vaultOwn: false });
  });
});
