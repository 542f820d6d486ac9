/**
 * Search text → a tsquery over `records.search`, tokenised exactly as the migration's
 * `liuyun_search_terms` does: NFKC, lower case, words of letters and digits (matched as
 * prefixes, so "liu" finds "liuyun"), runs of CJK characters as bigrams (a single
 * character as itself), all terms required.
 */
const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af';
const WORD = 'a-z0-9\\u00c0-\\u024f\\u0370-\\u03ff\\u0400-\\u04ff';
const RUNS = new RegExp(`[${WORD}]+|[${CJK}]+`, 'gu');
const IS_CJK = new RegExp(`^[${CJK}]`, 'u');

interface Terms {
  words: string[];
  cjk: string[];
}

function terms(text: string): Terms {
  const out: Terms = { words: [], cjk: [] };
  const normalised = text.normalize('NFKC').toLowerCase();
  for (const [run] of normalised.matchAll(RUNS)) {
    if (IS_CJK.test(run)) {
      const chars = [...run];
      if (chars.length === 1) out.cjk.push(run);
      for (let i = 0; i + 1 < chars.length; i += 1) out.cjk.push(`${chars[i]}${chars[i + 1]}`);
    } else {
      out.words.push([...run].slice(0, 64).join(''));
    }
  }
  return out;
}

const MAX_TERMS = 32;

function join(parts: string[]): string | null {
  const unique = [...new Set(parts)].slice(0, MAX_TERMS);
  return unique.length === 0 ? null : unique.join(' & ');
}

/** The tsquery for a search box, or null when the text holds no searchable term. */
export function searchQuery(text: string): string | null {
  const t = terms(text);
  return join([...t.words.map((w) => `'${w}':*`), ...t.cjk.map((c) => `'${c}'`)]);
}

/** Only the CJK part, as a pre-filter for `contains` (words may match inside a word). */
export function cjkQuery(text: string): string | null {
  return join(terms(text).cjk.map((c) => `'${c}'`));
}
