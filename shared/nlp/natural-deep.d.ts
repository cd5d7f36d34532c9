// Types for the deep imports of `natural` (its root import is never used): stop words for the analysis, the Porter stemmer for the ROUGE scorer (bench/rouge.ts).
declare module 'natural/lib/natural/stemmers/porter_stemmer.js' {
  const PorterStemmer: { stem(token: string): string };
  export default PorterStemmer;
}
declare module 'natural/lib/natural/util/stopwords.js' {
  export const words: string[];
  const stopwords: { words: string[] };
  export default stopwords;
}
