import { describe, expect, it } from 'vitest';
import { analyzeArticle, analyzeText, type Analysis } from '../../shared/nlp/analyze.ts';
import { decodeArticle } from '../../shared/nlp/decode.ts';
import { detectFormat } from '../../shared/nlp/format.ts';
import { detectLanguage } from '../../shared/nlp/language.ts';
import { blankMarkdown } from '../../shared/nlp/markdown.ts';
import { findDateline } from '../../shared/nlp/metadata.ts';
import { parseDate } from '../../shared/nlp/pubdate.ts';
import { findTitle } from '../../shared/nlp/title.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

const BODY = [
  'Dockworkers in the Polish port of Gdansk ended a nine-day strike on Friday after the harbour authority agreed to raise wages by eight percent, union leader Piotr Zielinski said.',
  'Ships that had waited offshore for more than a week began to dock within hours, and the authority said grain and coal shipments would return to normal by Tuesday.',
  'The strike had halted trade worth about 40 million euros a day, according to the Polish Chamber of Commerce.',
];

describe('title, byline, date and dateline in plain text', () => {
  it('reports them from where they stand, and the dateline place among the entities', () => {
    // Prepare
    const text = ['Dockers end strike as harbour reopens', 'By Jane Doe', 'Published: 5 March 2024', '', `GDANSK (Reuters) - ${BODY[0]}`, '', BODY[1], '', BODY[2]].join('\n');
    // Act
    const analysis = analyzeText(text);
    // Assess
    expect(analysis).toMatchObject({ title: 'Dockers end strike as harbour reopens', byline: 'Jane Doe', publishedAt: '2024-03-05', dateline: 'GDANSK' });
    const place = analysis.entities.find((e) => e.mentions.some((m) => m.text === 'GDANSK'));
    expect(place?.type).toBe('LOCATION');
    for (const s of analysis.summary) expect(s).not.toMatch(/Jane Doe|Published|Reuters\)/);
  });

  it.each([
    ['PARIS – French ministers met on Wednesday.', 'PARIS', null],
    ['PARIS (Reuters) - French ministers met on Wednesday.', 'PARIS', 'Reuters'],
    ['WASHINGTON, March 3 (Reuters) - The Senate voted on Tuesday.', 'WASHINGTON', 'Reuters'],
    ['SAN FRANCISCO, Calif. — The company said on Monday it would cut jobs.', 'SAN FRANCISCO', null],
    ['Kyiv (AP) — Air raid sirens sounded across the capital.', 'Kyiv', 'AP'],
  ])('finds the dateline of %s', (line, place, source) => {
    expect(findDateline(`Headline here\n\n${line}`)).toMatchObject({ place, source });
  });

  it.each([
    'Paris – a city of light – welcomed the visitors.',
    'The harbour reopened – at last – on Friday.',
    'UN-backed talks resumed on Monday.',
  ])('finds no dateline in %s', (line) => {
    expect(findDateline(line)).toBeNull();
  });

  it('takes the first line as title, after any furniture above it', () => {
    expect(analyzeText(`Home › World › Europe\nDockers end strike\n\n${BODY.join('\n\n')}`).title).toBe('Dockers end strike');
    expect(findTitle(`${BODY[0]}\n\n${BODY[1]}`)).toBeNull();
  });

  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T10:30:00+01:00', '2024-03-05T09:30:00Z'],
    ['Published: March 5, 2024', '2024-03-05'],
    ['Tuesday 5 March 2024 10.32 GMT', '2024-03-05'],
    ['Mar. 5, 2024', '2024-03-05'],
    ['03/05/2024', null],
    ['2024-13-45', null],
  ])('reads the date %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });
});

describe('Markdown', () => {
  const MD = [
    '---',
    'title: "Dockers end strike"',
    'author: Jane Doe',
    'date: 2024-03-05',
    '---',
    '# Dockers end strike as *Gdansk* harbour reopens',
    '',
    `${BODY[0].replace('Gdansk', '**Gdansk**').replace('strike', '[strike](https://example.com/strike "Strike")')}`,
    '',
    `> ${BODY[1]}`,
    '',
    `- ${BODY[2]}`,
    '',
    '![Ships at the quay](https://example.com/ships.jpg)',
    '',
    '```js',
    'var hidden = "code is not article text";',
    '```',
  ].join('\n');

  it('blanks the markup in place: same length, words where they were', () => {
    const { text, frontMatter } = blankMarkdown(MD);
    expect(text.length).toBe(MD.length);
    expect(frontMatter).toMatchObject({ title: 'Dockers end strike', author: 'Jane Doe', date: '2024-03-05' });
    expect(text).not.toMatch(/[#*>`!\[\]]|https?:|hidden/);
    const at = MD.indexOf('Piotr Zielinski');
    expect(text.slice(at, at + 15)).toBe('Piotr Zielinski');
  });

  it('is analyzed with offsets into the uploaded text and metadata from the front matter', () => {
    // Act
    const result = analyzeArticle({ bytes: utf8(MD), key: 'story.md' }) as Analysis;
    // Assess
    expect(result).toMatchObject({ status: 'ok', format: 'markdown', title: 'Dockers end strike', byline: 'Jane Doe', publishedAt: '2024-03-05' });
    for (const { mentions } of result.entities) for (const m of mentions) expect(MD.slice(m.begin, m.end)).toBe(m.text);
    for (const s of result.summary) expect(s).not.toMatch(/\*\*|\]\(|^> |^- /);
    expect(result.text).toBe(MD);
  });
});

describe('detectFormat', () => {
  it.each([
    ['<p>x</p>', 'text/html; charset=utf-8', undefined, 'html'],
    ['# Title\n\ntext', 'text/markdown', undefined, 'markdown'],
    ['plain words', undefined, 'a/story.htm', 'html'],
    ['plain words', undefined, 'notes.md', 'markdown'],
    ['<!DOCTYPE html><html><body>x</body></html>', 'text/plain', 'page.txt', 'html'],
    ['# Title\n\nSee [the report](https://example.com) and **this**.', 'text/plain', 'story.txt', 'text'],
    ['# Title\n\nSee [the report](https://example.com) and **this**.', 'binary/octet-stream', 'story', 'markdown'],
    ['<div><p>One</p><p>Two</p><p>Three</p></div>', 'binary/octet-stream', 'story', 'html'],
    ['- Advertisement -\n\nA story with a dash list.\n- one\n- two', undefined, 'story', 'text'],
  ])('%j (%s, %s) is %s', (text, type, key, format) => {
    expect(detectFormat(text, type, key)).toBe(format);
  });
});

describe('encodings', () => {
  const bytes = (...values: number[]) => Uint8Array.from(values);
  const utf16 = (text: string, order: 'le' | 'be') =>
    bytes(...[...text].flatMap((c) => (order === 'le' ? [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8] : [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])));

  it.each([
    ['UTF-8', utf8('Zürich – “news”'), 'utf-8'],
    ['UTF-8 with BOM', bytes(0xef, 0xbb, 0xbf, ...utf8('Zürich – “news”')), 'utf-8'],
    ['UTF-16 LE with BOM', bytes(0xff, 0xfe, ...utf16('Zürich – “news”', 'le')), 'utf-16le'],
    ['UTF-16 BE with BOM', bytes(0xfe, 0xff, ...utf16('Zürich – “news”', 'be')), 'utf-16be'],
    ['UTF-16 LE without BOM', utf16('Zürich – “news” from the harbour desk', 'le'), 'utf-16le'],
    ['Windows-1252', bytes(0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x20, 0x96, 0x20, 0x93, 0x6e, 0x65, 0x77, 0x73, 0x94), 'windows-1252'],
  ])('reads %s', (_name, input, encoding) => {
    const result = decodeArticle(input);
    expect(result).toMatchObject({ ok: true, encoding });
    if (result.ok) expect(result.text).toMatch(/^Zürich – “news”/);
  });

  it('reads the charset the content type declares when the bytes are not UTF-8', () => {
    // "Łódź" in ISO-8859-2: Ł = 0xA3, ó = 0xF3, ź = 0xBC
    const result = decodeArticle(bytes(0xa3, 0xf3, 0x64, 0xbc, 0x20, 0x70, 0x6f, 0x72, 0x74), 'text/plain; charset=iso-8859-2');
    expect(result).toMatchObject({ ok: true, text: 'Łódź port', encoding: 'iso-8859-2' });
  });

  it('fails binary and empty objects with a clear reason', () => {
    expect(analyzeArticle({ bytes: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d) })).toMatchObject({ status: 'failed', error: { code: 'BINARY' } });
    expect(analyzeArticle({ bytes: utf8('  \n ') })).toMatchObject({ status: 'failed', error: { code: 'EMPTY' } });
  });
});

describe('languages', () => {
  const GERMAN = [
    'Hafen von Danzig nach Streik wieder geöffnet',
    '',
    'Der Hafen von Danzig ist am Freitag nach einem neuntägigen Streik der Hafenarbeiter wieder geöffnet worden, teilte die Hafenbehörde mit. Die Schiffe, die vor der Küste gewartet hatten, begannen innerhalb weniger Stunden anzulegen.',
    '',
    'Nach Angaben der Behörde sollen die Lieferungen von Getreide und Kohle bis Dienstag wieder das normale Niveau erreichen. Die Gewerkschaft begrüßte die Einigung, forderte aber bessere Sicherheitsausrüstung für die Arbeiter.',
    '',
    'Der Streik hatte den Handel nach Schätzungen der Handelskammer rund 40 Millionen Euro am Tag gekostet.',
  ].join('\n');

  it('gives a German story its leading sentences as summary, and says why entities and key phrases were skipped', () => {
    const result = analyzeArticle({ bytes: utf8(GERMAN) }) as Analysis;
    expect(result).toMatchObject({ status: 'ok', language: 'de', entities: [], keyphrases: [] });
    expect(result.summary[0]).toBe('Der Hafen von Danzig ist am Freitag nach einem neuntägigen Streik der Hafenarbeiter wieder geöffnet worden, teilte die Hafenbehörde mit.');
    for (const s of result.summary) expect(GERMAN).toContain(s);
    expect(result.warnings?.map((w) => w.code)).toEqual(['ENTITIES_SKIPPED', 'SUMMARY_LEAD', 'KEYPHRASES_SKIPPED']);
  });

  it('keeps English for ordinary prose, short notes and score tables', () => {
    expect(detectLanguage(BODY.join(' '))).toMatchObject({ code: 'en', method: 'function-words' });
    expect(detectLanguage('Gdansk 3 Lyon 1')).toMatchObject({ code: 'en' });
    const table = Array.from({ length: 12 }, (_, i) => `Widzew Lodz ${i} Legia Warszawa ${i + 1} Gornik Zabrze ${i % 3}`).join('\n');
    expect(detectLanguage(`SOCCER - POLISH FIRST DIVISION RESULTS\n${table}`).code).toBe('en');
  });

  it('takes the language a page declares when its text is too short to judge', () => {
    const html = '<!doctype html><html lang="fr"><head><title>Port</title></head><body><article><p>Le port rouvre vendredi.</p></article></body></html>';
    expect(analyzeArticle({ bytes: utf8(html), contentType: 'text/html' })).toMatchObject({ status: 'ok', language: 'fr' });
  });
});

describe('findTitle', () => {
  it('drops a site name after a bar', () => {
    expect(findTitle('Dockers end strike as harbour reopens | Baltic Herald\n\nThe harbour reopened.')).toBe('Dockers end strike as harbour reopens');
    expect(findTitle('Results | Table\n\nGdansk 3 Lyon 1')).toBe('Results | Table');
  });
});

describe('Windows line endings', () => {
  it('reads CR LF text and Markdown like LF text', () => {
    const text = ['Dockers end strike', 'By Jane Doe', '', `GDANSK – ${BODY[0]}`, '', '- Advertisement -', '', BODY[1]].join('\r\n');
    const analysis = analyzeText(text);
    expect(analysis).toMatchObject({ title: 'Dockers end strike', byline: 'Jane Doe', dateline: 'GDANSK' });
    expect(analysis.furniture?.map((f) => f.kind)).toEqual(['byline', 'advertisement']);
    const md = blankMarkdown(['# Dockers end strike', '', '---', '', `**${BODY[1]}**`].join('\r\n')).text;
    expect(md).not.toMatch(/[#*]|---/);
  });
});

describe('section labels and em-dash datelines', () => {
  it('passes over a section label above the headline', () => {
    expect(findTitle(`Politics\nDockers end strike as harbour reopens\n\n${BODY[0]}`)).toBe('Dockers end strike as harbour reopens');
    expect(findTitle(`WORLD NEWS\nDockers end strike as harbour reopens\n\n${BODY[0]}`)).toBe('Dockers end strike as harbour reopens');
    expect(findTitle(`Dockers end strike as harbour reopens\n\n${BODY[0]}`)).toBe('Dockers end strike as harbour reopens');
    expect(findTitle(`Strike\n${BODY[0]}\n\n${BODY[1]}`)).toBeNull();
  });

  it('reads a dateline with an em dash and no spaces', () => {
    expect(findDateline(`PARIS—French ministers met on Wednesday.`)).toMatchObject({ place: 'PARIS' });
    expect(findDateline(`Paris—a city of light—welcomed the visitors.`)).toBeNull();
  });
});

describe('dateline agency', () => {
  it('keeps the agency of a dateline out of the entities, but not its other mentions', () => {
    const text = ['Dockers end strike', '', `GDANSK (Reuters) - ${BODY[0]}`, '', BODY[1]].join('\n');
    expect(analyzeText(text).entities.map((e) => e.name)).not.toContain('Reuters');
    const cited = analyzeText(`${text}\n\nThe union told Reuters it would meet again in May.`);
    const reuters = cited.entities.find((e) => e.name === 'Reuters');
    if (reuters) expect(reuters.mentions.every((m) => m.begin > text.indexOf('(Reuters)') + 9)).toBe(true);
  });
});

describe('languages in other scripts', () => {
  it.each([
    ['格但斯克港口罢工结束\n\n格但斯克港的码头工人周五结束了为期九天的罢工。港务局同意将工资提高百分之八。船只在几个小时内开始靠岸。', 'zh'],
    ['グダニスク港のストライキが終了\n\n港湾労働者は金曜日に九日間のストライキを終えた。港湾当局は賃金を八パーセント引き上げることに同意した。', 'ja'],
    ['Забастовка в порту Гданьска закончилась\n\nДокеры польского порта Гданьск в пятницу прекратили девятидневную забастовку после того, как портовые власти согласились повысить зарплату.', 'ru'],
  ])('reads a short story in another script as such, with its title: %s', (text, code) => {
    const analysis = analyzeText(text);
    expect(analysis.language).toBe(code);
    expect(analysis.title).toBe(text.split('\n')[0]);
    expect(analysis.entities).toEqual([]);
  });

  it('keeps English text that names people in other scripts', () => {
    expect(detectLanguage(`${BODY[0]} The mayor, 王小明, and the port chief, Анна Новак, signed the deal.`).code).toBe('en');
  });
});

describe('findDateline on capitalized headlines', () => {
  it('takes no dateline from a headline in capitals, only from a line that runs on into prose', () => {
    expect(findDateline('SOCCER - LEICESTERSHIRE TAKE OVER AT TOP\nLONDON 1996-08-30\nThe club won.')).toBeNull();
    expect(findDateline('PARIS – The minister spoke on Monday.')?.place).toBe('PARIS');
  });
});
