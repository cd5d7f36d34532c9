import { francAll } from 'franc-min';

export interface LanguageGuess {
  /** ISO 639-1 where one exists (`en`), else ISO 639-3. */
  code: string;
  /** 0-1: how far the best guess stands ahead of the runner-up. */
  confidence: number;
  /** How it was decided: English function words, the trigram model, or the English default for text too short to judge. */
  method?: 'function-words' | 'trigrams' | 'default';
}

// franc speaks ISO 639-3; the record uses the two-letter codes people know for the common languages.
const ISO_639_1: Record<string, string> = {
  eng: 'en', fra: 'fr', deu: 'de', spa: 'es', por: 'pt', ita: 'it', nld: 'nl', rus: 'ru', ukr: 'uk',
  pol: 'pl', swe: 'sv', nob: 'no', dan: 'da', fin: 'fi', tur: 'tr', arb: 'ar', cmn: 'zh', jpn: 'ja',
  kor: 'ko', hin: 'hi', ind: 'id', vie: 'vi', ces: 'cs', ron: 'ro', hun: 'hu', ell: 'el', bul: 'bg',
};

const SAMPLE_CHARS = 2000;
/** English function words make up a third of English prose and almost none of other languages' text. */
const ENGLISH_SHARE_DECISIVE = 0.12;
/** Below this, trigram statistics are noise: short notes and score tables are taken as English. */
const MIN_CHARS_TO_JUDGE = 200;
const ENGLISH_FUNCTION_WORDS = new Set(
  'the of and to a in is was for on that with as by at from he she it his her they said has have be are were an this will not who which but or its their'.split(' '),
);

/**
 * Guesses the language. English is the default: a text is called another language only when the
 * trigram model says so clearly and English function words are rare in it.
 */
export function detectLanguage(text: string): LanguageGuess {
  const sample = sampleOf(text);
  const share = englishShare(sample);
  const confidence = Number(Math.min(1, Math.max(share * 4, 0.5)).toFixed(3));
  // Ordinary English prose settles it without the (slower) trigram model.
  if (share > ENGLISH_SHARE_DECISIVE) return { code: 'en', confidence, method: 'function-words' };
  // Text mostly in a script other than Latin is not English, however short: a 150-character
  // Chinese story says as much as a 400-character English one.
  const script = dominantScript(sample);
  if (script) {
    const [best, second] = francAll(sample, { minLength: 10 });
    if (best && best[0] !== 'und' && best[0] !== 'eng') {
      const margin = second ? 1 - second[1] : 1;
      return { code: ISO_639_1[best[0]] ?? best[0], confidence: Number(Math.min(1, Math.max(0.5, margin * 5)).toFixed(3)), method: 'trigrams' };
    }
    return { code: script, confidence: 0.5, method: 'trigrams' };
  }
  if (sample.length < MIN_CHARS_TO_JUDGE) return { code: 'en', confidence, method: 'default' };
  const [best, second] = francAll(sample, { minLength: 20 });
  if (!best || best[0] === 'und') return { code: 'en', confidence, method: 'default' };
  if (best[0] === 'eng') return { code: 'en', confidence, method: 'trigrams' };
  const margin = second ? 1 - second[1] : 1;
  if (margin < 0.05) return { code: 'en', confidence, method: 'default' };
  return { code: ISO_639_1[best[0]] ?? best[0], confidence: Number(Math.min(1, margin * 5).toFixed(3)), method: 'trigrams' };
}

/**
 * The first SAMPLE_CHARS of the text with white space runs as one space. Blanked furniture and
 * markup leave runs of spaces: judge the words, not the gaps. A little more than the sample is read
 * first (usually enough), the rest only when that was mostly white space.
 */
function sampleOf(text: string): string {
  const collapsed = (chars: number) => text.slice(0, chars).replace(/\s+/g, ' ').trim();
  // collapsing is local, so `head` begins the collapsed text; past SAMPLE_CHARS it holds the whole sample
  const head = collapsed(SAMPLE_CHARS * 1.25);
  return (head.length > SAMPLE_CHARS ? head : collapsed(SAMPLE_CHARS * 4)).slice(0, SAMPLE_CHARS);
}

/** Where over half of the letters are of one non-Latin script: the usual language of that script. */
const SCRIPTS: Array<[RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Thai}/gu, 'th'],
];

function dominantScript(text: string): string | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 4) return null;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (latin > letters / 2) return null;
  // Japanese mixes kana with Han characters: any real share of kana means Japanese.
  const kana = text.match(SCRIPTS[0][0])?.length ?? 0;
  if (kana > letters * 0.1) return 'ja';
  for (const [re, code] of SCRIPTS.slice(1)) if ((text.match(re)?.length ?? 0) > letters / 2) return code;
  return null;
}

function englishShare(text: string): number {
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (!words.length) return 0;
  return words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length / words.length;
}
