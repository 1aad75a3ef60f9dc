/**
 * The language a note is written in, for `<html lang>`: Pagefind segments words by it (Chinese and
 * Japanese have no spaces between words) and screen readers pick their voice by it. Frontmatter
 * `lang` wins; otherwise a note written mostly in CJK script is detected as such.
 */
const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HANGUL = /\p{Script=Hangul}/gu;
const LETTER = /\p{L}/gu;
const ANY_CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function detectLanguage(text: string, fallback: string): string {
  // Most notes have no CJK character at all: one scan that stops at the first one decides.
  if (!ANY_CJK.test(text)) return fallback;
  const letters = text.match(LETTER)?.length ?? 0;
  if (letters === 0) return fallback;
  const kana = text.match(KANA)?.length ?? 0;
  const hangul = text.match(HANGUL)?.length ?? 0;
  const han = text.match(HAN)?.length ?? 0;
  if ((kana + hangul + han) / letters < 0.3) return fallback;
  if (hangul > kana + han) return 'ko';
  return kana > 0 ? 'ja' : 'zh';
}
