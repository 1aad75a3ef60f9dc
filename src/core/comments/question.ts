/**
 * Whether a comment (its Markdown) ends by asking something: its last line ends with a question
 * mark (`?`, the full-width `？`, Arabic `؟`; the Greek `;` is left out, it is also a semicolon).
 * Quoted lines, fenced code and emoji or closing quotes after the question are ignored, because
 * people write "Does this still hold? 🙏", quote what they ask about, or end with a snippet.
 */
const QUESTION_MARK = /[?？؟⁇⁈⁉]$/u;
/** What may follow the question without making it a statement: emoji, closing brackets and quotes, a few dots. */
const TRAILING = /(?:\s|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f|[)\]}"'»”’*_.…])+$/u;

export function endsWithQuestion(text: string): boolean {
  const lines = text
    .replace(/```[\s\S]*?(```|$)/g, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('>'));
  const last = lines.at(-1);
  if (last === undefined) return false;
  return QUESTION_MARK.test(last.replace(TRAILING, ''));
}
