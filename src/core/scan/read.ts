import type { SourcePoint } from '../common/diagnostics.ts';

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

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function validPrefixLength(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    // Decoding the single sequence checks continuation bytes, overlongs and surrogates exactly.
    try {
      strictDecoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}
