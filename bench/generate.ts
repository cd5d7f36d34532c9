/** Synthetic news articles for load runs: our own words, varied names, plausible length. */

const CITIES = ['Minsk', 'Vilnius', 'Riga', 'Tallinn', 'Warsaw', 'Prague', 'Vienna', 'Lisbon', 'Dublin', 'Oslo', 'Helsinki', 'Athens'];
const FIRST = ['Alena', 'Tomas', 'Marta', 'Jonas', 'Irena', 'Pavel', 'Sofia', 'Mateo', 'Ingrid', 'Kofi', 'Amira', 'Lars'];
const LAST = ['Kowalski', 'Petraitis', 'Ostrowska', 'Berzins', 'Novak', 'Lindqvist', 'Mensah', 'Haddad', 'Moreau', 'Santos'];
const ORGS = ['Northern Grain Council', 'Baltic Shipping Union', 'Civic Health Trust', 'Lakeside Energy', 'the Transport Ministry'];
const TOPICS = ['grain exports', 'rail freight', 'hospital funding', 'wind power', 'port fees', 'school meals', 'river flooding'];

function pick<T>(items: T[], n: number): T {
  return items[n % items.length];
}

export function generateArticle(n: number): string {
  const city = pick(CITIES, n);
  const person = `${pick(FIRST, n * 7 + 3)} ${pick(LAST, n * 5 + 1)}`;
  const org = pick(ORGS, n * 3);
  const topic = pick(TOPICS, n * 11);
  const other = pick(CITIES, n + 5);
  const paragraphs = [
    `${city} talks on ${topic} enter day ${(n % 9) + 2}`,
    `${city.toUpperCase()} – ${person} arrived in ${city} on Tuesday for talks on ${topic}, officials said, as pressure grew for a deal before the end of the year.`,
    `The ${org} said the meeting, the ${(n % 5) + 2}th this year, would last three days and include delegations from ${other} and two neighbouring regions.`,
    `"We are close, but the numbers still have to work for everyone," ${person.split(' ')[1]} told reporters outside the city hall.`,
    `Costs have risen by ${(n % 30) + 5} percent since the spring, according to figures published by the ${org} last month.`,
    `A previous round, held in ${other} in March, ended without agreement after a dispute over ${topic} and its funding.`,
    `Local businesses in ${city} said they hoped for a quick result, while critics warned that a rushed deal could leave smaller towns behind.`,
  ];
  return paragraphs.join('\n\n');
}
