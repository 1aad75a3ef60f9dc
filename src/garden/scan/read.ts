import type { SourcePoint } from '../diagnostics.ts';

const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

export type DecodedText = { text: string; invalidAt?: undefined } | { text: string; invalidAt: SourcePoint };

/**
 * Decodes a note as UTF-8, strictly: invalid bytes are reported with their position instead of
 * silently turning into U+FFFD. The byte-order mark is dropped either way. The lenient decoding is
 * still returned so that the build can publish what it safely can.
 */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictDecoder.decode(bytes) };
  } catch {
    const text = lenientDecoder.decode(bytes);
    const valid = validPrefixLength(bytes);
    const prefix = lenientDecoder.decode(bytes.subarray(0, valid));
    const lines = prefix.split('\n');
    return { text, invalidAt: { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 } };
  }
}

/** The length of the longest prefix that is valid UTF-8 (binary search on a monotone property). */
function validPrefixLength(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (isValidPrefix(bytes.subarray(0, middle))) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Valid, or only cut in the middle of a character at its end. */
function isValidPrefix(bytes: Uint8Array): boolean {
  for (let trim = 0; trim <= 3 && trim <= bytes.length; trim++) {
    try {
      strictDecoder.decode(bytes.subarray(0, bytes.length - trim));
      return true;
    } catch {
      // try a shorter prefix: the cut may have split a multi-byte character
    }
  }
  return false;
}
