import { describe, expect, it } from 'vitest';
import { confusableNames, invisibleCharacters, mixedScriptWord, skeleton } from '../../src/core/scan/confusables.ts';
import { asContentPath } from '../../src/core/common/types.ts';

const report = (...paths: string[]) => confusableNames(paths.map(asContentPath)).map((d) => `${d.file}: ${d.message}`);

describe('lookalike names', () => {
  it('share a TR39 skeleton: other scripts, invisible characters, mathematical letters', () => {
    expect(skeleton('Viсtim')).toBe(skeleton('Victim')); // Cyrillic с
    expect(skeleton('Vic\u034Ftim')).toBe(skeleton('Victim')); // combining grapheme joiner
    expect(skeleton('𝐏ayroll')).toBe(skeleton('Payroll'));
    expect(skeleton('Résumé')).not.toBe(skeleton('Resume'));
  });

  it('are reported as warnings naming both files, whatever their folders', () => {
    expect(report('Team/Victim.md', 'Other/Viсtim.md', 'Vic\u034Ftim.md', 'media/logo.png', 'media/lоgo.png')).toEqual([
      'Other/Viсtim.md: The word "Viсtim" in this name mixes scripts (Latin, Cyrillic; с (U+0441) is the odd one): it looks like a word it is not.',
      'Team/Victim.md: The name "Victim" looks like "Viсtim" (Other/Viсtim.md), but is written with other characters: a link to one can be taken for a link to the other.',
      'Vic\u034Ftim.md: The name "Vic\\u{34f}tim" holds invisible characters (U+034F): it reads like a name it is not.',
      'Vic\u034Ftim.md: The name "Vic\\u{34f}tim" looks like "Viсtim" (Other/Viсtim.md), but is written with other characters: a link to one can be taken for a link to the other.',
      'media/lоgo.png: The word "lоgo" in this name mixes scripts (Latin, Cyrillic; о (U+043E) is the odd one): it looks like a word it is not.',
      'media/lоgo.png: The name "lоgo.png" looks like "logo.png" (media/logo.png), but is written with other characters: a link to one can be taken for a link to the other.',
    ]);
  });

  it('leave real names alone: the same name in two folders, other cases, accents, whole words in other scripts', () => {
    expect(
      report(
        'A/index.md',
        'B/index.md',
        'Team/README.md',
        'Read me.md',
        'read me.md',
        'Café.md',
        'Cafe.md',
        'Москва.md',
        'Moscow.md',
        '東京の地図.md',
        '서울 地圖.md',
        'Ελλάδα.md',
      ),
    ).toEqual([]);
  });

  it('allow the joiners and variation selectors that scripts and emoji need', () => {
    expect(invisibleCharacters('می‌خواهم')).toEqual([]); // Persian, with a zero-width non-joiner
    expect(invisibleCharacters('Team 👩‍💻 ❤️')).toEqual([]);
    expect(invisibleCharacters('Pay\u00ADroll\u2060')).toEqual(['U+00AD', 'U+2060']);
    expect(mixedScriptWord('日本語のメモ')).toBeUndefined();
    expect(mixedScriptWord('ΑΒΓ and abc')).toBeUndefined();
  });
});
