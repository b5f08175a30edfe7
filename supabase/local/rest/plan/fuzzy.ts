/**
 * The closest candidate to `word`, or undefined when none is similar enough. PostgREST uses a
 * fuzzy set with a 0.75 minimum score for its "Perhaps you meant …" hints; a normalised edit
 * distance gives the same suggestions for the typos people make.
 */
export function closest(
  word: string,
  candidates: Iterable<string>,
  minScore = 0.75,
): string | undefined {
  let best: string | undefined;
  let bestScore = minScore;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const score = 1 - distance(w, c.toLowerCase()) / Math.max(w.length, c.length, 1);
    if (score >= bestScore && c !== word) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  if (a.length > 256 || b.length > 256) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[b.length]!;
}
