import { distance } from 'fastest-levenshtein';

/** Letters and digits only, lower-cased: `How-To Guide.md` and `how to guide` meet here. */
function squash(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/\.md$/, '')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * "Did you mean" for a name among many. Candidates are bucketed by their first squashed letter so a
 * lookup compares against a small slice of the garden, keeping suggestions cheap at 50,000 notes.
 */
export class Suggester {
  private readonly buckets = new Map<string, { squashed: string; value: string }[]>();

  constructor(values: Iterable<string>) {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) continue;
      seen.add(value);
      const squashed = squash(value);
      if (squashed === '') continue;
      const key = squashed[0]!;
      let bucket = this.buckets.get(key);
      if (!bucket) this.buckets.set(key, (bucket = []));
      bucket.push({ squashed, value });
    }
  }

  /** The closest candidate within a distance proportional to the length, or `undefined`. */
  suggest(input: string): string | undefined {
    const squashed = squash(input);
    if (squashed === '') return undefined;
    const allowed = Math.max(1, Math.round(squashed.length / 3));
    let best: { value: string; score: number } | undefined;
    for (const candidate of this.buckets.get(squashed[0]!) ?? []) {
      if (Math.abs(candidate.squashed.length - squashed.length) > allowed) continue;
      const score = distance(candidate.squashed, squashed);
      if (score <= allowed && (!best || score < best.score || (score === best.score && candidate.value < best.value))) {
        best = { value: candidate.value, score };
      }
    }
    return best?.value;
  }
}
