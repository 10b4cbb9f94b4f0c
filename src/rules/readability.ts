/**
 * A B1 readability check as code. B1 is the language level most Dutch adults read comfortably; texts
 * for citizens must be written at that level. No formula captures B1 completely, so the check combines
 * the measurable guidelines used by Dutch government writing guides (short sentences, short words,
 * no officialese) with one rule that matters most for explanations: a legal term may only appear when
 * the same text explains it.
 */

export interface B1Rules {
  /** No sentence longer than this many words. */
  maxWordsPerSentence: number;
  /** Average sentence length at most this many words. */
  maxAverageWordsPerSentence: number;
  /** Average word length (letters) at most this. */
  maxAverageWordLength: number;
  /** A word with more letters than this counts as long. */
  longWordLetters: number;
  /** At most this share of the words may be long. */
  maxLongWordShare: number;
}

export const B1_RULES: Readonly<B1Rules> = {
  maxWordsPerSentence: 20,
  maxAverageWordsPerSentence: 14,
  maxAverageWordLength: 6,
  longWordLetters: 13,
  maxLongWordShare: 0.08,
};

/** Officialese that has a plain alternative: never at B1. */
export const FORBIDDEN_WORDS: readonly string[] = [
  'aangaande',
  'alsmede',
  'conform',
  'derhalve',
  'desalniettemin',
  'dientengevolge',
  'doch',
  'hetgeen',
  'ingevolge',
  'inzake',
  'jegens',
  'krachtens',
  'middels',
  'onverminderd',
  'teneinde',
  'voornoemd',
  'voornoemde',
  'zulks',
];

/** Legal and administrative terms: allowed only when the same text explains them. */
export const JARGON: readonly string[] = [
  'aanslag',
  'belastingaanslag',
  'berekeningsjaar',
  'beschikking',
  'betalingscapaciteit',
  'bijstandsnorm',
  'bloedverwant',
  'bloedverwanten',
  'curatele',
  'curator',
  'drempelinkomen',
  'geregistreerd partnerschap',
  'kosten van bestaan',
  'kwijtschelding',
  'normpremie',
  'rendementsgrondslag',
  'standaardpremie',
  'terugvordering',
  'toeslagpartner',
  'toetsingsinkomen',
  'vermogen',
  'vermogensgrens',
];

/** Common long compounds that B1 readers know; they do not count as long words. */
const KNOWN_LONG_WORDS = new Set(['belastingdienst', 'zorgverzekering', 'zorgverzekeraar']);

const ABBREVIATIONS =
  /\b(?:art|jo|c\.q|t\.a\.v|i\.v\.m|m\.b\.t|o\.b\.v|z\.s\.m|e\.d)\.|\b(?:BW|Awir|Wzt|Zvw|Iw|Pw)\b/g;

export interface ReadabilityIssue {
  rule:
    | 'sentence-length'
    | 'average-sentence-length'
    | 'word-length'
    | 'long-words'
    | 'forbidden-word'
    | 'unexplained-jargon'
    | 'abbreviation';
  message: string;
}

export interface ReadabilityReport {
  ok: boolean;
  issues: ReadabilityIssue[];
  stats: {
    sentences: number;
    words: number;
    averageWordsPerSentence: number;
    averageWordLength: number;
    longWordShare: number;
    longestSentence: number;
  };
}

/** Sentences: lines, split after . ! ? followed by a capital (amounts like 1.483,07 stay whole). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=["'(]?[A-ZÀ-Ý])/u))
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** Words: runs of letters (with inner hyphens/apostrophes) and numbers (with their separators). */
export function wordsOf(sentence: string): string[] {
  return sentence.match(/\p{L}[\p{L}'’-]*|\p{N}[\p{N}.,]*/gu) ?? [];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Whether the text explains a term: "term (…)", "term: …", "term betekent …", a sentence starting
 * "Term is …" (a definition, unlike "Uw term is € 20.000"), "… heet (de) term", "… noemen we term".
 */
export function isExplained(text: string, term: string): boolean {
  const t = escapeRegExp(term);
  const patterns = [
    new RegExp(`\\b${t}\\s*[(:]`, 'iu'),
    new RegExp(`\\b${t}\\s+(?:betekent|wil zeggen)\\b`, 'iu'),
    new RegExp(`(?:^|[.!?]\\s+|\\n)${t}\\s+(?:is|zijn)\\b`, 'iu'),
    new RegExp(`\\b(?:heet|heten|noemen we|noemen wij|het woord)\\s+(?:de |het |een |uw )?${t}\\b`, 'iu'),
  ];
  return patterns.some((p) => p.test(text));
}

export function checkB1(text: string, rules: B1Rules = B1_RULES): ReadabilityReport {
  const issues: ReadabilityIssue[] = [];
  const sentences = sentencesOf(text);
  let words = 0;
  let letterWords = 0;
  let letters = 0;
  let longWords = 0;
  let longestSentence = 0;

  for (const sentence of sentences) {
    const w = wordsOf(sentence);
    words += w.length;
    longestSentence = Math.max(longestSentence, w.length);
    if (w.length > rules.maxWordsPerSentence) {
      issues.push({
        rule: 'sentence-length',
        message: `sentence has ${w.length} words (max ${rules.maxWordsPerSentence}): "${sentence}"`,
      });
    }
    for (const word of w) {
      if (!/^\p{L}/u.test(word)) continue;
      const count = word.replace(/[^\p{L}]/gu, '').length;
      letterWords++;
      letters += count;
      if (count > rules.longWordLetters && !KNOWN_LONG_WORDS.has(word.toLowerCase())) longWords++;
    }
  }

  const averageWordsPerSentence = sentences.length ? words / sentences.length : 0;
  const averageWordLength = letterWords ? letters / letterWords : 0;
  const longWordShare = letterWords ? longWords / letterWords : 0;
  if (averageWordsPerSentence > rules.maxAverageWordsPerSentence) {
    issues.push({
      rule: 'average-sentence-length',
      message: `average sentence has ${averageWordsPerSentence.toFixed(1)} words (max ${rules.maxAverageWordsPerSentence})`,
    });
  }
  if (averageWordLength > rules.maxAverageWordLength) {
    issues.push({
      rule: 'word-length',
      message: `average word has ${averageWordLength.toFixed(2)} letters (max ${rules.maxAverageWordLength})`,
    });
  }
  if (longWordShare > rules.maxLongWordShare) {
    issues.push({
      rule: 'long-words',
      message: `${(longWordShare * 100).toFixed(1)}% long words (max ${(rules.maxLongWordShare * 100).toFixed(0)}%)`,
    });
  }

  for (const word of FORBIDDEN_WORDS) {
    if (new RegExp(`\\b${escapeRegExp(word)}\\b`, 'iu').test(text)) {
      issues.push({ rule: 'forbidden-word', message: `"${word}" is officialese; use plain words` });
    }
  }
  for (const term of JARGON) {
    if (new RegExp(`\\b${escapeRegExp(term)}\\b`, 'iu').test(text) && !isExplained(text, term)) {
      issues.push({ rule: 'unexplained-jargon', message: `"${term}" is used but not explained in the text` });
    }
  }
  for (const m of text.matchAll(ABBREVIATIONS)) {
    issues.push({ rule: 'abbreviation', message: `abbreviation "${m[0]}": write it out or leave it out` });
  }

  return {
    ok: issues.length === 0,
    issues,
    stats: {
      sentences: sentences.length,
      words,
      averageWordsPerSentence,
      averageWordLength,
      longWordShare,
      longestSentence,
    },
  };
}
