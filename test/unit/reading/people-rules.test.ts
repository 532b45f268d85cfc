import { describe, expect, it } from 'vitest';
import { understandReply } from '../../../functions/core/reading/index.ts';
import { mergeNames, nameCase, sameName } from '../../../functions/core/reading/people.ts';

const read = (text: string, locale: string, step: number | null = 2) =>
  understandReply(text, {
    now: new Date('2026-06-10T10:00:00Z'),
    timezone: 'Europe/London',
    locale,
    step,
  });

describe('one person, several mentions', () => {
  it('takes a given name alone, or the surname under agreeing titles, as the same person', () => {
    expect(sameName('Mr. Rajesh Iyer', 'Rajesh')).toBe(true);
    expect(sameName('Frau Dr. Gruber', 'Frau Gruber')).toBe(true);
    expect(sameName('Herrn Yilmaz', 'Herr Yilmaz')).toBe(true);
    expect(sameName('Frau Weber', 'Herr Weber')).toBe(false);
    expect(sameName('Sam Lee', 'Sam Park')).toBe(false);
    expect(mergeNames(['Frau Dr. Gruber', 'Lukas', 'Frau Gruber'])).toEqual([
      'Frau Dr. Gruber',
      'Lukas',
    ]);
  });

  it('reports who was met under the fullest name the reply gives', () => {
    const u = read(
      'I picked Mr. Rajesh Iyer and Sneha. Met Rajesh yesterday for coffee.',
      'en-IN',
      4,
    );
    expect(u.people).toEqual(['Mr. Rajesh Iyer', 'Sneha']);
    expect(u.met).toEqual(['Mr. Rajesh Iyer']);
  });

  it('title-cases only names written in lower case, keeping particles small', () => {
    expect(nameCase('eva van den berg')).toBe('Eva van den Berg');
    expect(nameCase('marc-andre tremblay')).toBe('Marc-Andre Tremblay');
    expect(nameCase('Ludwig van Beethoven')).toBe('Ludwig van Beethoven');
  });
});

describe('words that look like names but are not', () => {
  it.each([
    ['Can you email Support about my login?', 'en-GB'],
    ['May would suit me better.', 'en-GB'],
    ['June would be a good month for her wedding.', 'en-US'],
    ['Fui a la Moncloa con mi primo.', 'es-ES'],
    ['Quedé con la Universidad de Chile.', 'es-ES'],
    ['dan ga ik maar eens kijken wie ik kan vragen', 'nl-NL'],
    ['Nur Berlin diesmal.', 'de-DE'],
  ])('%s', (text, locale) => {
    expect(read(text, locale).people).toEqual([]);
  });

  it('reads the occasion before "mit" as an occasion, not a person', () => {
    const u = read(
      'Rückblick: Mittagessen mit Jonas, Kaffee mit Petra letzte Woche.',
      'de-DE',
      null,
    );
    expect(u.people).toEqual(['Jonas', 'Petra']);
    expect(u.met).toEqual(['Jonas', 'Petra']);
  });
});

describe('who was met, clause by clause', () => {
  it('keeps an introduction to come apart from the meeting in the same sentence', () => {
    const u = read('Met Sam yesterday and he will introduce me to Tom.', 'en-GB', 4);
    expect(u.people).toEqual(['Sam', 'Tom']);
    expect(u.met).toEqual(['Sam']);
  });

  it('reads a meeting that was only arranged as a plan, in every language', () => {
    for (const [text, locale] of [
      ["I've set up a call with Omar.", 'en-GB'],
      ['Mit Tobias habe ich einen Termin vereinbart.', 'de-DE'],
      ["J'ai calé un déjeuner avec Inès.", 'fr-FR'],
      ['He agendado un café con Pablo.', 'es-ES'],
      ['Ik heb een koffie met Joris ingepland.', 'nl-NL'],
    ] as const) {
      const u = read(text, locale, 4);
      expect(u.people, text).toHaveLength(1);
      expect(u.met, text).toEqual([]);
    }
  });

  it('reads a meeting that came off as met, and one that did not as not', () => {
    expect(read('Logré hablar con Sofía por teléfono.', 'es-ES', 4).met).toEqual(['Sofía']);
    expect(read('Het is me eindelijk gelukt om Joris te spreken.', 'nl-NL', 4).met).toEqual([
      'Joris',
    ]);
    expect(read("I didn't manage to see Oscar.", 'en-GB', 4).met).toEqual([]);
  });
});

describe('the sender, greetings and counts are nobody to meet', () => {
  it.each([
    ['Picked Hannah and Josh. — Priya', 'en-GB', ['Hannah', 'Josh']],
    ['Ich nehme Sabine und Timo. Danke und viele Grüße, K. Albers', 'de-DE', ['Sabine', 'Timo']],
    ["J'ai choisi Léa et Bastien. Bises 😘 Juliette", 'fr-FR', ['Léa', 'Bastien']],
    ['Elegí a Marta y a Jorge.\n\nAbrazo, Carmen', 'es-AR', ['Marta', 'Jorge']],
    ['Ik kies Femke en Thijs. Groetjes! 🙂 Anouk', 'nl-NL', ['Femke', 'Thijs']],
    ['Had a beer with Callum. Good chat!\nLiam', 'en-AU', ['Callum']],
    ['Che, ya elegí: Flor y Martín.', 'es-AR', ['Flor', 'Martín']],
    ['Dos, Lucía y Marcos.', 'es-ES', ['Lucía', 'Marcos']],
  ] as const)('%s', (text, locale, people) => {
    expect(read(text, locale).people).toEqual(people);
  });

  it('keeps a person thanked mid-reply, and a list whose last line is a name', () => {
    expect(read('Thanks to Leo for the intro, I met Anna.\nBest,\nSam', 'en-US', 4).people).toEqual(
      ['Leo', 'Anna'],
    );
    expect(read('Met these two:\nAnna Kowalski\nTom Reid', 'en-GB', 4).met).toEqual([
      'Anna Kowalski',
      'Tom Reid',
    ]);
  });
});

describe('places and people in the same words', () => {
  it('reads a name after "in" or "round", or ending in Square or Park, as a place', () => {
    expect(read('Any events in Sydney for people in govtech?', 'en-AU', 3).people).toEqual([]);
    const u = read(
      'A walk with Tom B. round Hyde Park, then drinks near Albert Square.',
      'en-GB',
      4,
    );
    expect(u.people).toEqual(['Tom B.']);
    expect(read('Coffee with Grace Park last Monday.', 'en-US', 4).people).toEqual(['Grace Park']);
  });

  it('finds people a reader from there knows, and ones fronted or placed by their office', () => {
    expect(read('Ich frag die Biggi aus der Buchhaltung.', 'de-DE').people).toEqual(['Biggi']);
    expect(read('Ich hole die Liste aus dem Büro.', 'de-DE').people).toEqual([]);
    expect(read('Mit Beat hab ich telefoniert.', 'de-CH', 4).met).toEqual(['Beat']);
    expect(read('Le 7/04. Pour Paul, je lui écris.', 'fr-FR').people).toEqual(['Paul']);
    expect(read('picked sam k. and jo', 'en-GB').people).toEqual(['Sam K.', 'Jo']);
    expect(read("Haven't heard back from Priya yet.", 'en-GB').people).toEqual(['Priya']);
  });
});

describe('who was met, answering "how many?"', () => {
  it.each([
    ['2. Priya and Jordan', 'en-US', ['Priya', 'Jordan']],
    ['Zwei: Reto und Nadine.', 'de-CH', ['Reto', 'Nadine']],
    ['Uno nomás, con Chuy del trabajo anterior.', 'es-MX', ['Chuy']],
    ['Eén: Lotte. Was heel fijn!', 'nl-BE', ['Lotte']],
  ] as const)('%s', (text, locale, met) => {
    expect(read(text, locale, null).met).toEqual(met);
  });

  it('does not take contact, an introducer or a Dutch "met" (with) for a meeting', () => {
    expect(read('Emailed Anna and Tom.', 'en-US', 4).met).toEqual([]);
    expect(read('Met Willem heb ik alleen gemaild.', 'nl-NL', 4).met).toEqual([]);
    expect(read('Two: Nadia and Ben.', 'en-US', 2).met).toEqual([]);
    expect(
      read('Had coffee with Dana after lesson 2. Thanks to Ravi for introducing us.', 'en-US', null)
        .met,
    ).toEqual(['Dana']);
  });

  it('reads a past month heading as a recap, and a cancellation only where it is said', () => {
    const recap = read('In April: lunch with Dev and a call with Sinead.', 'en-GB', 4);
    expect(recap.met).toEqual(['Dev', 'Sinead']);
    const u = read(
      'Im Mai habe ich nur Jens getroffen, das Essen mit Heike wurde abgesagt.',
      'de-DE',
      4,
    );
    expect(u.people).toEqual(['Jens', 'Heike']);
    expect(u.met).toEqual(['Jens']);
  });
});

describe('German surnames, initials, affiliations and count headings', () => {
  it('reads a capital after a given name as a surname only where the name ends', () => {
    expect(read('Kaffee mit Jonas Kerber am Freitag.', 'de-DE').people).toEqual(['Jonas Kerber']);
    expect(read('Lunch mit Ida Quast, danach Büro.', 'de-DE').people).toEqual(['Ida Quast']);
    expect(read('Mit Ida Kaffee am Freitag.', 'de-DE').people).toEqual(['Ida']);
    expect(read('Ich will mit Ida Kaffee trinken.', 'de-DE').people).toEqual(['Ida']);
  });

  it('cuts a titled name at "vom" and leaves a bracketed employer out', () => {
    expect(read('Ich frage Frau Brehm vom Zoll.', 'de-DE').people).toEqual(['Frau Brehm']);
    expect(read('I will ask Maya Holt (Acme Group).', 'en-GB').people).toEqual(['Maya Holt']);
  });

  it('keeps an initial with its surname and a given name opening a sentence', () => {
    expect(read('Coffee with T. Okafor on Friday.', 'en-GB').people).toEqual(['T. Okafor']);
    expect(read('Booked two. Ishaan Verma on Friday and Mr. Rao.', 'en-IN').people).toEqual([
      'Ishaan Verma',
      'Mr. Rao',
    ]);
    expect(read('Emailed Nadia about it.', 'en-GB').people).toEqual(['Nadia']);
  });

  it('reads a count of meetings opening a list as who was met, but not a plan', () => {
    expect(read('Zwei Kaffees (Ida und Herr Quast).', 'de-DE', 4).met).toEqual([
      'Ida',
      'Herr Quast',
    ]);
    expect(read('Deux cafés ce mois-ci : Inès et Hugo.', 'fr-FR', null).met).toEqual([
      'Inès',
      'Hugo',
    ]);
    expect(read('Next two coffees: Inès and Hugo.', 'en-GB', 4).met).toEqual([]);
  });

  it('never takes a language or a closing for a person', () => {
    expect(read('Ik sprak met Sanne, mijn docent Engels.', 'nl-NL', 4).people).toEqual(['Sanne']);
    expect(read('Ich nehme Ida. Danke und liebe Grüße, Barbara', 'de-AT').people).toEqual(['Ida']);
  });
});
