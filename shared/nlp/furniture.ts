import { isDateLine } from './pubdate.ts';
import { wordCount } from './tokens.ts';

/**
 * Page furniture in article text: the lines a scraper or a copy-paste brings along with the story
 * (share and view counters, ad markers, newsletter and subscription prompts, "Related:" and
 * "Read more" links, photo credits, cookie notices, social handles, navigation trails, reading
 * times, tag lists, bylines and date lines).
 *
 * Rules are generic and line-based: a line is furniture only as a whole, only when it is short,
 * and only when it matches a pattern that article prose does not use (an imperative aimed at the
 * reader, a label followed by a colon, a line of counters). Missing a furniture line costs little;
 * dropping a line of the story costs a lot, so every rule leans towards keeping text.
 *
 * Furniture is blanked, not cut: each furniture line is replaced by spaces of the same length, so
 * offsets into the cleaned text are offsets into the input and the stored object keeps every byte.
 */

export type FurnitureKind =
  | 'counter'
  | 'advertisement'
  | 'subscription'
  | 'related'
  | 'credit'
  | 'cookie'
  | 'social'
  | 'navigation'
  | 'byline'
  | 'timestamp'
  | 'tags'
  | 'boilerplate';

export interface FurnitureLine {
  kind: FurnitureKind;
  /** The trimmed line: `text === source.slice(begin, end)`. */
  text: string;
  begin: number;
  end: number;
}

const SOCIAL = '(?:twitter|x|facebook|instagram|linkedin|whatsapp|telegram|tiktok|youtube|reddit|pinterest|threads|bluesky|mastodon|snapchat|flipboard|messenger|e-?mail|sms|print|copy link|copy|link)';
const SAID = /\b(?:said|says|told|according to|announced|reported|added)\b/i;

interface Rule {
  kind: FurnitureKind;
  /** Longest line (in words) the rule applies to. */
  maxWords: number;
  test: (line: string, ctx: LineContext) => boolean;
}

interface LineContext {
  /** Index of the line among the non-blank lines. */
  index: number;
  /** The line stands alone: blank lines (or the text's edge) before and after it. */
  alone: boolean;
  words: number;
}

const re = (source: string, flags = 'iu') => new RegExp(source, flags);

const AD = re(
  '^[-–—_*•|=~#\\[\\](){}<>\\s]*(?:advertisements?|advert|adverti[sz]ing|ad|ads|sponsored(?: content| post| links?)?|paid (?:content|post|partnership)|promoted(?: content| stories)?|partner content|story continues below(?: advertisement)?|article continues (?:below|after (?:this )?(?:ad|advertisement))|continue reading(?: below| the main story)?|scroll to continue(?: with content)?|content continues below)[-–—_*•|=~#\\[\\](){}<>.:\\s]*$',
);
const COUNTER_LABEL = '(?:shares?|views?|comments?|likes?|reads?|reactions?|retweets?|replies|claps|votes?|followers)';
const COUNTER_LABELLED = re(`^(?:[\\d.,]+\\s*[kKmM]?\\+?\\s*${COUNTER_LABEL}[\\s|•·,/]*){1,4}$`);
const COUNTER_LABEL_FIRST = re(`^(?:${COUNTER_LABEL}\\s*[:(]?\\s*[\\d.,]+\\s*[kKmM]?\\)?[\\s|•·,/]*){1,4}$`);
const COUNTER_BARE = /^(?:[\d][\d.,]*\s*[kKmM]?\s*){1,3}$/;

const SUBSCRIBE_START = re(
  "^(?:subscribe(?! to (?:the|this) (?:theory|view|idea|notion|belief))|sign up|sign in|log in|login|register (?:now|here|for free|to)|create (?:a |your )?(?:free )?account|join (?:our|us|the conversation|now)|get (?:real[- ]time|the latest|our|breaking|unlimited|full access|the (?:app|newsletter))|don['’]t miss|never miss|enter your e-?mail|your e-?mail(?: address)?$|already (?:a )?(?:subscriber|member|have an account)|become a (?:member|subscriber|supporter|patron)|support (?:our|independent|quality) journalism|start your (?:free )?trial|unlock (?:this|unlimited|full)|download (?:our|the) app|get (?:it|our app) on|try \\d+ (?:days?|weeks?|months?) (?:free|for)|(?:we|you)['’](?:ve| have) (?:reached|read) (?:your|all)|you have \\d+ (?:free )?articles? left)\\b",
);
const SUBSCRIBE_ANYWHERE = re(
  "\\b(?:subscribe now|subscribe today|subscribe for|sign up (?:now|today|for (?:our|free|the))|(?:delivered|sent|straight|directly|right) (?:to|into) your inbox|newsletters? (?:sign[- ]?up|subscription)|our (?:free |daily |weekly |morning |evening )?(?:e-?mail )?newsletters?|free (?:e-?mail )?newsletters?|unsubscribe at any time)\\b",
);
const RELATED = re(
  '^(?:related(?: (?:articles?|stories|content|coverage|news|reading|links?|topics?|posts?|video))?|see also|read (?:more|next|also|this|the full story|more about this)|also read|more (?:from|on|about|stories|news|coverage|in)(?: [\\p{L}\' ]{1,30})?|more(?: like this)?|recommended(?: for you| stories| reading| articles)?|you (?:may|might) (?:also )?(?:like|be interested in|have missed)|trending(?: now| stories)?|most (?:read|popular|viewed|shared)|popular(?: now| stories)?|top stories|editor[\'’]?s picks?|latest(?: news| stories)?|further reading|watch(?: now| live| the video| more)?|listen(?: now| to (?:this|the) (?:article|story|podcast))?|in (?:other|case you missed (?:it)?) news|ICYMI|what to read next|keep reading|up next|next (?:article|story)|previous (?:article|story))(?:\\s*(?:[:|»›>–—-]|\\.\\.\\.|…)\\s*.*)?$',
);
const READ_MORE_TAIL = re('(?:^|\\s)(?:read more|continue reading|full story|more »|read the full (?:story|article))\\s*(?:[»›>→…]|\\.{3})?\\s*$');
const CREDIT = re(
  '^(?:\\(?\\s*)?(?:photo(?:graph)?s?|image|picture|pic|illustration|video|graphic|credit|photo credit|image credit|image source|source image|file photo|caption)\\s*(?:[:|/]|by\\b|credit\\b|copyright\\b|courtesy\\b|©|\\()',
);
const AGENCY = '(?:getty(?: images)?|afp|reuters|ap(?: photo)?|associated press|epa(?:-efe)?|efe|shutterstock|istock(?:photo)?|alamy|aap|pa(?: media| wire| images)?|anadolu(?: agency)?|xinhua|tass|ria novosti|sipa|bloomberg|nurphoto|zuma(?: press| wire)?|imago|dpa|ansa|kyodo|yonhap|wireimage|sopa images|abaca|rex(?:/shutterstock)?|bbc|cnn|via getty images)';
const AGENCY_CREDIT = re(`(?:[/|©]\\s*${AGENCY}\\b|\\b${AGENCY}\\s*(?:/|via)\\s*\\S|\\bvia ${AGENCY}\\b|^\\(?\\s*${AGENCY}(?: photos?| images?)?\\s*\\)?$|^\\(\\s*(?:photo|image|picture)[^)]*\\)$)`);
const COPYRIGHT = re('^(?:©|\\(c\\)\\s|copyright\\s*(?:©|\\(c\\)|\\d{4})|all rights reserved\\b)|\\ball rights reserved\\.?$');
const COOKIE = re(
  '\\b(?:we use|we and our partners use|this (?:site|website) uses) cookies\\b|\\b(?:accept|allow|manage|consent to|reject) (?:all |our |the use of )?cookies\\b|\\bcookies? (?:policy|settings|preferences|notice)\\b|\\bby (?:continuing|using|clicking)\\b.{0,40}\\b(?:this|our) (?:site|website)\\b',
);
/** What every COOKIE alternative holds: a quick test that rules out the prose of ordinary paragraphs. */
const COOKIE_HINT = re('cookie|\\bby (?:continuing|using|clicking)\\b');
const COOKIE_BUTTONS = re('^(?:accept(?: all)?(?: cookies)?|reject(?: all)?|decline|manage (?:cookies|preferences|settings|consent)|cookie (?:settings|preferences|policy)|i (?:agree|accept)|got it|ok(?:ay)?|allow (?:all|cookies)|privacy (?:settings|policy|notice))[.!]?$');
const SOCIAL_FOLLOW = re(
  `^(?:follow (?:us|me)\\b.*|like us on ${SOCIAL}|find us on ${SOCIAL}|connect with us|share (?:this|the) (?:article|story|page|post|video|link)\\b.*|share (?:on|via|to|with) ${SOCIAL}\\b.*|share (?:article|story|page|post)$|share(?: this)?\\s*:?$|like this\\s*:?$|like loading(?:\\.{3}|…)?$|email this (?:story|article)$|tweet(?: this)?$|pin(?: it)?$|email (?:this|a friend|the author)$|(?:send|e-?mail) (?:this )?(?:article|story) to a friend|copy(?:ied)? (?:link|url)|comments?(?: \\(\\d+\\))?$|\\d+ comments?$|(?:leave|add|post|view|show|hide|read|see|join the) (?:a |all |the )?(?:\\d+ )?comments?\\s*(?:\\(\\d+\\))?$|join the (?:conversation|discussion)|(?:gift|save|bookmark|print|listen to) (?:this |the )?(?:article|story|page)$|(?:twitter|x|instagram|facebook|threads|bluesky|tiktok|telegram)\\s*:\\s*@?\\S+$)`,
);
/**
 * `Follow Jane Doe on Twitter`: apart from SOCIAL_FOLLOW because its letter classes are costly to
 * compile (about 50 ms, case-insensitive Unicode), so it is compiled only when a line starts so.
 */
const FOLLOW_START = /^follow /i;
const FOLLOW_NAMED = re(
  `^(?:follow (?:@\\S+|\\p{Lu}[\\p{L}.'’-]+(?: \\p{Lu}[\\p{L}.'’-]+){0,3})(?: on ${SOCIAL}(?:(?:,| and| or|\\s*[|&/])\\s*${SOCIAL})*)?\\.?$|follow (?:@\\S+|\\p{Lu}[\\p{L}.'’-]+(?: \\p{Lu}[\\p{L}.'’-]+){0,3}) on ${SOCIAL}\\b.*(?:${SOCIAL}|@\\S+)\\.?$)`,
);
const HANDLES = /^(?:@[\w.]{2,30}[\s,|•·]*)+$/u;
const SOCIAL_LIST = re(`^(?:${SOCIAL}[\\s|•·,/]*){2,}$`);
const CONTACT = re('^(?:contact|e-?mail|write to|reach|send (?:tips|news tips))\\b[^.]*\\b\\S+@\\S+\\.\\w+\\.?$|^\\S+@\\S+\\.\\w+$');
const NAVIGATION_SKIP = re('^(?:skip to (?:main )?(?:content|navigation|search)|back to top|jump to (?:content|comments)|toggle (?:navigation|menu)|(?:main )?menu|search|close|open|home|sections?|navigation|breadcrumbs?|you are here\\s*:?.*|loading(?:\\.\\.\\.|…)?|please (?:enable|turn on) javascript.*|javascript is (?:disabled|required).*|your browser does not support.*|this (?:video|content|feature) (?:is not available|requires).*|image|video|audio|play(?: video)?|pause|mute|unmute|fullscreen|enlarge(?: this image)?|expand|collapse|toggle caption|hide caption|show caption|view (?:image|gallery|slideshow)|\\d+\\s*(?:of|/)\\s*\\d+|next|previous|prev|back|open in app|view in browser|listen|text size|a\\s*a\\s*a|contact us|about us|advertise(?: with us)?|terms (?:of|and) (?:service|use|conditions)|show more|load more|see more|see all|view all|(?:previous|next|older|newer) (?:post|posts|entry|entries|page))[.!]?$');
const NAV_SEPARATORS = /\s*(?:[|›»>•·]|\/\s)\s*/u;
const READ_TIME = re('^(?:(?:estimated )?(?:reading time|read time)\\s*:?\\s*)?(?:\\d+|one|two|three|four|five|ten)\\s*(?:-|\\s)?\\s*(?:min(?:ute)?s?|hours?|hrs?)\\.?(?:\\s+(?:read|reading|listen|watch))?$|^(?:reading time|read time)\\s*:');
const TIMESTAMP_LABEL = re('^(?:(?:first |last )?(?:published|updated|modified|posted|created)|originally published|pub(?:lished)? date|date)\\s*(?:on|at|:|-|–)?\\s*');
const AGO = re('^(?:(?:updated|posted|published)\\s+)?(?:\\d+|an?|one)\\s+(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\\s+ago$|^(?:just now|yesterday|today)$');

/** "Published: 5 March 2024", "Updated 3 hours ago", "March 5, 2024 10:30 a.m. ET", "4 min read". */
function isTimestamp(line: string): boolean {
  if (AGO.test(line) || READ_TIME.test(line) || isDateLine(line)) return true;
  const label = TIMESTAMP_LABEL.exec(line);
  if (!label || !label[0].trim()) return false;
  const rest = line.slice(label[0].length);
  return isDateLine(rest) || AGO.test(rest) || /^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+\p{Lu}{2,4})?$/iu.test(rest);
}

const POSTED_IN = re('^(?:posted|published|filed) (?:in|under)\\s*:?\\s+[\\p{Lu}][^.!?]{0,60}$');
const POSTED_ON = re('^(?:posted|published|updated) on\\s');
const POSTED_ON_BY = re('\\s+by\\s+[\\p{Lu}][\\p{L}.\'’ -]{1,60}$');
const SOURCE_CREDIT = re(`^(?:source|sources|via)\\s*:\\s*\\S`);
const SHARED_TIMES = re('^(?:this (?:story|article|post) has been )?(?:shared|viewed|read) [\\d.,]+[km]? times\\.?$');
const TAGS = re('^(?:tags?|topics?|filed under|categories|category|keywords|subjects?|more about|in this (?:article|story))\\s*:\\s*\\S');
const BYLINE_LABEL = re(
  '^(?:by|written by|words by|story by|reporting by|reported by|posted by|text by|interview by|compiled by|(?:with )?additional reporting by|editing by|edited by|writing by|photos by|photography by|video by|graphics by|produced by)\\s+',
);
/** Lower-case words a byline may hold: joins, name particles, job titles, date and time words. */
const BYLINE_WORDS = new Set(
  (
    'and in for at of the with via on by reporting editing writing additional further photos photo video graphics ' +
    'de da del der di du la le van von bin al el ben dos das y ter ' +
    'staff writer writers reporter reporters correspondent correspondents editor editors senior chief political foreign ' +
    'contributing contributor contributors columnist special news bureau associate deputy digital science health business ' +
    'sports technology culture investigations investigative data photographer photographers producer analyst desk team ' +
    'agency global national international security economics economy environment climate education legal affairs crime ' +
    'courts entertainment travel food opinion guest freelance journalist journalists updated published am pm a.m p.m ' +
    'gmt utc et bst cet edt est pst pdt correspondent\'s reports'
  ).split(' '),
);
/** Capitalized words that open a sentence "By ..." rather than name a writer. */
const NOT_A_NAME = new RegExp(
  `^(?:${'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december then now noon midnight dawn nightfall far contrast comparison law default night day year way chance design hand car train air sea land road phone email mail tonight tomorrow yesterday today this that these those then midday afternoon evening morning christmas easter'.split(' ').join('|')})$`,
  'i',
);

/** "By Jane Doe", "By JANE DOE and John Roe, Staff Writers | March 5, 2024", "Reporting by X; Editing by Y". */
function isByline(line: string): boolean {
  if (PAREN_REPORTING.test(line)) return true;
  const label = BYLINE_LABEL.exec(line);
  if (!label) return false;
  const rest = line.slice(label[0].length).replace(/[.;)]$/, '');
  const tokens: string[] = rest.match(/[\p{L}\p{N}][\p{L}\p{N}.'’-]*|@[\w.]+|\S+@\S+/gu) ?? [];
  if (!tokens.length) return false;
  const first = tokens[0].toLowerCase() === 'the' && tokens.length > 1 ? tokens[1] : tokens[0];
  if (!/^\p{Lu}/u.test(first) || NOT_A_NAME.test(first.replace(/[.'’]+$/, ''))) return false;
  if (/[.!?]\s+\p{Lu}\p{Ll}+\s+\p{Ll}/u.test(rest)) return false; // a second sentence
  return tokens.every((t) => /^\p{Lu}/u.test(t) || /^[\d@]/u.test(t) || t.includes('@') || BYLINE_WORDS.has(t.toLowerCase().replace(/[.,]+$/, '')) || isMonthOrDay(t));
}

function isMonthOrDay(token: string): boolean {
  return /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?$/i.test(token);
}

const PAREN_REPORTING = re('^\\((?:additional )?(?:reporting|writing|editing|compiled|research|production) by [^)]{2,200}\\)\\.?$');
const BOILERPLATE = re(
  "^(?:this (?:article|story|post|content) (?:was |is |has been )?(?:originally |first )?(?:published|produced|provided|syndicated|republished|written|created)\\b.{0,120}$|(?:this|the) (?:article|story) (?:contains|includes) affiliate links.*|we may earn (?:a )?commission.*|(?:click|tap) (?:here|the link|below)\\b.*|to (?:read|view|watch|listen|continue)\\b.{0,40}\\b(?:click|tap|subscribe|sign|log)\\b.*|report (?:an? )?(?:error|typo|correction)$|the (?:opinions|views) expressed in this (?:post|commentary|article|piece|column|story|essay|op-ed) are (?:solely |entirely )?(?:those of|the author).*|read (?:our|\\p{Lu}\\S*['’]s) (?:new )?(?:flipboard|apple news|google news) (?:magazine|page|feed).*|leave a (?:reply|comment)(?: cancel reply)?$|your e-?mail address will not be published.*|required fields are marked.*|comments (?:are|have been) closed\\.?$|(?:have|got) a (?:news )?tip\\?.*|corrections? (?:policy|request)s?$|(?:view|see|open) (?:the )?(?:original|full|comments|gallery|slideshow)\\b.{0,40}$|image \\d+ of \\d+$|photo \\d+ of \\d+$)",
);

const RULES: Rule[] = [
  { kind: 'advertisement', maxWords: 8, test: (l) => AD.test(l) },
  { kind: 'counter', maxWords: 12, test: (l) => COUNTER_LABELLED.test(l) || COUNTER_LABEL_FIRST.test(l) },
  // A line of bare numbers ("0 2,046") is a counter only when it stands alone, away from tables.
  { kind: 'counter', maxWords: 3, test: (l, c) => c.alone && COUNTER_BARE.test(l) },
  { kind: 'subscription', maxWords: 40, test: (l) => SUBSCRIBE_START.test(l) && !SAID.test(l) },
  { kind: 'subscription', maxWords: 30, test: (l) => SUBSCRIBE_ANYWHERE.test(l) && !SAID.test(l) && !/["“”]/.test(l) },
  { kind: 'related', maxWords: 30, test: (l) => RELATED.test(l) && !SAID.test(l) },
  { kind: 'related', maxWords: 30, test: (l) => READ_MORE_TAIL.test(l) },
  { kind: 'credit', maxWords: 20, test: (l) => CREDIT.test(l) && !SAID.test(l) },
  { kind: 'credit', maxWords: 15, test: (l) => AGENCY_CREDIT.test(l) && !SAID.test(l) && !/[.!?]["”’]?$/.test(l.replace(/\)\.?$/, '')) },
  { kind: 'boilerplate', maxWords: 30, test: (l) => COPYRIGHT.test(l) },
  { kind: 'cookie', maxWords: 60, test: (l) => COOKIE_HINT.test(l) && COOKIE.test(l) && !SAID.test(l) },
  { kind: 'cookie', maxWords: 4, test: (l, c) => c.alone && COOKIE_BUTTONS.test(l) },
  { kind: 'social', maxWords: 20, test: (l) => (SOCIAL_FOLLOW.test(l) || (FOLLOW_START.test(l) && FOLLOW_NAMED.test(l))) && !SAID.test(l) },
  { kind: 'social', maxWords: 12, test: (l) => HANDLES.test(l) || SOCIAL_LIST.test(l) || CONTACT.test(l) },
  { kind: 'navigation', maxWords: 12, test: (l) => NAVIGATION_SKIP.test(l) },
  { kind: 'navigation', maxWords: 30, test: (l) => isNavigationTrail(l) },
  { kind: 'timestamp', maxWords: 16, test: (l) => isTimestamp(l) },
  { kind: 'tags', maxWords: 40, test: (l) => TAGS.test(l) || POSTED_IN.test(l) },
  { kind: 'timestamp', maxWords: 16, test: (l) => POSTED_ON.test(l) && isDateLine(l.replace(POSTED_ON_BY, '')) },
  { kind: 'credit', maxWords: 5, test: (l) => SOURCE_CREDIT.test(l) },
  { kind: 'counter', maxWords: 12, test: (l) => SHARED_TIMES.test(l) },
  { kind: 'byline', maxWords: 24, test: (l) => isByline(l) },
  { kind: 'boilerplate', maxWords: 40, test: (l) => BOILERPLATE.test(l) },
];

/** "Home › World › Europe", "News | Sport | Weather | Culture": three or more short labels between separators. */
function isNavigationTrail(line: string): boolean {
  if (!/[|›»>•·]|\/\s/u.test(line)) return false;
  const items = line.split(NAV_SEPARATORS).map((s) => s.trim()).filter(Boolean);
  if (items.length < 3) return false;
  return items.every((item) => /^[\p{Lu}\d]/u.test(item) && item.split(/\s+/).length <= 4 && !/[.!?;]$/.test(item));
}

/** Classifies one trimmed line; null for a line of the article. */
export function furnitureKind(line: string, ctx: Partial<LineContext> = {}): FurnitureKind | null {
  const words = ctx.words ?? wordCount(line);
  const context: LineContext = { index: ctx.index ?? 0, alone: ctx.alone ?? true, words };
  if (words === 0) return /[\p{L}\p{N}]/u.test(line) ? null : line.length > 0 ? 'boilerplate' : null;
  for (const rule of RULES) {
    if (words <= rule.maxWords && rule.test(line, context)) return rule.kind;
  }
  return null;
}

/** The furniture lines of `text`, in order. */
export function findFurniture(text: string): FurnitureLine[] {
  const lines: Array<{ begin: number; end: number; text: string }> = [];
  const lineRe = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = lineRe.exec(text))) {
    const raw = m[0];
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const begin = m.index + (raw.length - raw.trimStart().length);
    lines.push({ begin, end: begin + trimmed.length, text: trimmed });
  }
  const out: FurnitureLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.text.length > 600) continue;
    const gapBefore = i === 0 || /\n[^\S\n]*\n/.test(text.slice(lines[i - 1].end, line.begin));
    const gapAfter = i === lines.length - 1 || /\n[^\S\n]*\n/.test(text.slice(line.end, lines[i + 1].begin));
    const kind = furnitureKind(line.text, { index: i, alone: gapBefore && gapAfter });
    if (kind) out.push({ kind, ...line });
  }
  return out;
}

/** `text` with the given ranges replaced by spaces (newlines kept): same length, same offsets. */
export function blankRanges(text: string, ranges: ReadonlyArray<{ begin: number; end: number }>): string {
  if (!ranges.length) return text;
  const sorted = [...ranges].sort((a, b) => a.begin - b.begin);
  let out = '';
  let at = 0;
  for (const { begin, end } of sorted) {
    if (end <= at) continue;
    const from = Math.max(begin, at);
    out += text.slice(at, from) + text.slice(from, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}

/**
 * `text` without the lines in `ranges` (each with its line break), and where each was cut in the
 * result: for extracted text (an HTML page's), whose offsets index only what Lede made of the page.
 */
export function cutRanges(text: string, ranges: ReadonlyArray<{ begin: number; end: number }>): { text: string; cutAt: number[] } {
  if (!ranges.length) return { text, cutAt: [] };
  const sorted = [...ranges].sort((a, b) => a.begin - b.begin);
  let out = '';
  let at = 0;
  const cutAt: number[] = [];
  for (const { begin, end } of sorted) {
    if (end <= at) continue;
    out += text.slice(at, Math.max(begin, at));
    cutAt.push(out.length);
    // the breaks after the line go with it when breaks before it already end the paragraph
    at = end;
    if (out.length === 0 || out.endsWith('\n')) while (text[at] === '\n') at++;
  }
  out += text.slice(at);
  return { text: out, cutAt };
}

