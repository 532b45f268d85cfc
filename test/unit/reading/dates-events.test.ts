import { describe, expect, it } from 'vitest';
import { readInEurope } from '../../support/read-in-europe.ts';

// Tuesday 14 April 2026, morning in Europe.
const read = readInEurope(new Date('2026-04-14T08:00:00Z'), 2);
const dates = (text: string, locale: string) => read(text, locale).dates.map((d) => d.date);

describe('the day after tomorrow', () => {
  it.each([
    ['Seeing Tom the day after tomorrow.', 'en-GB'],
    ['Ich treffe Paul übermorgen.', 'de-DE'],
    ['Après-demain je vois Paul.', 'fr-FR'],
    ['Pasado mañana veo a Paul.', 'es-ES'],
    ['Overmorgen zie ik Paul.', 'nl-NL'],
  ])('%j is 16 April', (text, locale) => {
    expect(dates(text, locale)).toEqual(['2026-04-16']);
  });
});

describe('a list or range of days gives its first day', () => {
  it.each([
    ['Registered for Product Camp London, 15 and 16 October!', 'en-GB', '2026-10-15'],
    ['Ich bin am 7./8. Oktober auf der Konferenz.', 'de-DE', '2026-10-07'],
    ['hab mich für die dmexco angemeldet, 7. und 8. oktober.', 'de-DE', '2026-10-07'],
    ['Je serai au salon du 12 au 14 mai.', 'fr-FR', '2026-05-12'],
    ['Me he apuntado al South Summit, del 3 al 5 de junio.', 'es-ES', '2026-06-03'],
    ['Op 17 en 18 oktober ben ik bij de Dutch Design Week.', 'nl-NL', '2026-10-17'],
  ])('%j', (text, locale, first) => {
    expect(dates(text, locale)).toEqual([first]);
  });
});

describe('a plan arranged in the past tense lies ahead; tense is read per clause', () => {
  it.each([
    [
      "Coffee with Lachlan tomorrow and I've got Soph locked in for the 20th.",
      'en-GB',
      ['2026-04-15', '2026-04-20'],
    ],
    ['Met Tom on Friday and booked Ana for Thursday.', 'en-GB', ['2026-04-16']],
    [
      'Kaffee mit Sabine am Donnerstag, und mit Herrn Yilmaz hab ich den 24.4. ausgemacht.',
      'de-DE',
      ['2026-04-16', '2026-04-24'],
    ],
    ["J'ai calé un café avec Julien jeudi.", 'fr-FR', ['2026-04-16']],
    ['Met Sanne heb ik donderdag afgesproken.', 'nl-NL', ['2026-04-16']],
    ["Met Priya on the 3rd, we'd arranged it weeks ago.", 'en-GB', []],
    ['Am Montag hab ich Lisa getroffen, das hatten wir so ausgemacht.', 'de-DE', []],
  ])('%j', (text, locale, expected) => {
    expect(dates(text, locale)).toEqual(expected);
  });
});

describe('a cancellation holds until a "but" that follows it', () => {
  it.each([
    [
      "Lunch with Ben on Thursday got cancelled, but I'm still seeing Ruth on Monday.",
      'en-GB',
      ['2026-04-20'],
    ],
    [
      'Das Treffen mit Jan am Mittwoch ist abgesagt, aber am Freitag sehe ich Anna.',
      'de-DE',
      ['2026-04-17'],
    ],
    ['Le déjeuner avec Marc mardi est annulé, mais je vois Léa vendredi.', 'fr-FR', ['2026-04-17']],
    [
      'Se canceló la comida del viernes, pero pasado mañana veo a Ernesto.',
      'es-ES',
      ['2026-04-16'],
    ],
    ['De koffie met Daan is afgezegd maar donderdag zie ik Fleur.', 'nl-NL', ['2026-04-16']],
    ['Iba a ver a Marta el jueves, pero al final quedamos el lunes 20.', 'es-ES', ['2026-04-20']],
    ['I was going to see Sam on Friday but he is ill.', 'en-GB', []],
    ['I had picked the HR Tech Expo on the 23rd but they postponed it.', 'en-GB', []],
    ['Drinks with Hannah got postponed to the 21st.', 'en-GB', ['2026-04-21']],
    ['Das Treffen mit Paul wurde auf den 22. verschoben.', 'de-DE', ['2026-04-22']],
  ])('%j', (text, locale, expected) => {
    expect(dates(text, locale)).toEqual(expected);
  });
});

describe('events named by signing up or going', () => {
  it.each([
    [
      'hab mich für die dmexco in köln angemeldet, 7. und 8. oktober.',
      'de-DE',
      'dmexco',
      '2026-10-07',
    ],
    [
      'Ich habe ein Ticket für die OMR in Hamburg, die ist am 5. Mai.',
      'de-DE',
      'OMR',
      '2026-05-05',
    ],
    [
      'Me inscribí en el Foro de Innovación de Medellín, es el 14/11.',
      'es-CO',
      'Foro de Innovación',
      '2026-11-14',
    ],
    ['Voy a asistir a Codemotion en Madrid el 20 de julio.', 'es-ES', 'Codemotion', '2026-07-20'],
    ['El año que viene voy a ir al Talent Land en Guadalajara.', 'es-MX', 'Talent Land', null],
    [
      'Nu ga ik op 22 oktober naar de ProductTank in Utrecht.',
      'nl-NL',
      'ProductTank',
      '2026-10-22',
    ],
    ["Je me suis inscrite à Devoxx France, c'est le 16 avril.", 'fr-FR', 'Devoxx', '2026-04-16'],
    [
      "The meetup got cancelled, but I'm going to PyCon UK on 14 September.",
      'en-GB',
      'PyCon UK',
      '2026-09-14',
    ],
  ])('%j', (text, locale, name, date) => {
    const event = read(text, locale, 3).event;
    expect(event?.name).toContain(name);
    expect(event?.date ?? null).toBe(date);
  });

  it.each([
    ['Meeting Rajesh on 14/8 at Cafe Coffee Day.', 'en-IN'],
    ['Meeting Kavya on Friday at the Summit Cafe.', 'en-GB'],
    ['El próximo mes voy a ir a Monterrey a ver a mi familia.', 'es-MX'],
    ['El viernes voy al Museo del Prado con Ana.', 'es-ES'],
    ['Am Montag fahre ich zur Tante Erika.', 'de-DE'],
    ['Hab mich für den Kurs angemeldet, Start am 3. Mai.', 'de-DE'],
    ['We zouden naar de Appsterdam Meetup gaan, maar die is afgelast.', 'nl-NL'],
    ["I'm going to New York next week.", 'en-GB'],
  ])('%j names no event', (text, locale) => {
    expect(read(text, locale, 3).event).toBeNull();
  });
});

describe('offer and why under a heading', () => {
  it.each([
    [
      'Why: I want to move into UX research.\nWhat I can offer: spreadsheets and CV reviews.',
      'en-GB',
      'UX research',
      'spreadsheets',
    ],
    [
      'Mein Grund: ich will in die Personalentwicklung. Was ich bieten kann: ich kenne mich mit CRM-Systemen aus.',
      'de-DE',
      'Personalentwicklung',
      'CRM',
    ],
    [
      'Mein Warum:\nIch möchte in die Logistik.\nWas ich mitbringen kann:\nErfahrung mit SAP.',
      'de-DE',
      'Logistik',
      'SAP',
    ],
    [
      'Pourquoi je fais ça : je veux travailler dans la formation. Ce que je peux apporter : de la pédagogie.',
      'fr-FR',
      'formation',
      'pédagogie',
    ],
    [
      'Por qué: quiero trabajar en marketing digital.\nLo que puedo aportar: redes sociales.',
      'es-ES',
      'marketing digital',
      'redes sociales',
    ],
    [
      'Waarom: ik wil naar de zorg.\nWat ik kan bieden: hulp met Python.',
      'nl-NL',
      'zorg',
      'Python',
    ],
    [
      'What I bring: grant writing.\nMy why: I want to move into fundraising.',
      'en-US',
      'fundraising',
      'grant writing',
    ],
  ])('%j', (text, locale, why, offer) => {
    const u = read(text, locale, 1);
    expect(u.why).toContain(why);
    expect(u.why).not.toMatch(/:/u);
    expect(u.offer).toContain(offer);
  });
});

describe('no events, and a distance in hours, name no event and no day', () => {
  it.each([
    ['There are literally no industry events out here, the city is 5 hours away.', 'en-GB'],
    ['Hier gibt es keine Branchenevents, die nächste Stadt ist 2 Stunden entfernt.', 'de-DE'],
    ['Aucun salon ni meetup dans ma région.', 'fr-FR'],
    ['En mi pueblo no hay ningún evento del sector, la capital está a 4 horas.', 'es-ES'],
    ['Er zijn hier geen netwerkborrels of meetups in de buurt.', 'nl-NL'],
  ])('%j', (text, locale) => {
    const u = read(text, locale, 3);
    expect(u.event).toBeNull();
    expect(u.dates).toEqual([]);
  });
});

describe('events named by a lower-case brand, an after-work of a group, a code and a city', () => {
  it.each([
    ['Ich geh zur re:publica am 12. Mai, Ticket ist schon gekauft.', 'de-DE', 're:publica'],
    ['Wir fahren zur droidcon am 2. Juli, Tickets hab ich schon.', 'de-DE', 'droidcon'],
    ['Going to hub.berlin on 12 May, ticket bought!', 'en-GB', 'hub.berlin'],
    ["Je vais tester l'afterwork de la French Tech mardi.", 'fr-FR', 'French Tech'],
    ['El martes voy al afterwork de Startup Valencia.', 'es-ES', 'Startup Valencia'],
    ['Dinsdag ga ik naar de afterwork van Dutch Founders.', 'nl-NL', 'Dutch Founders'],
    ['Je me suis inscrite à C2 Montréal, c’est le 26 mai.', 'fr-FR', 'C2 Montréal'],
  ])('%j', (text, locale, name) => {
    expect(read(text, locale, 3).event?.name).toContain(name);
  });

  it.each([
    ['Das Ticket für den Zug hab ich schon, am Freitag fahr ich zur Arbeit.', 'de-DE'],
    ["Je connais Paul de l'afterwork de la French Tech.", 'fr-FR'],
    ["Any afterwork drinks or meetups you'd recommend?", 'en-GB'],
  ])('%j is no event', (text, locale) => {
    expect(read(text, locale, 3).event).toBeNull();
  });
});

describe('which event, and whose (holdout-4)', () => {
  it.each([
    ['I go to a few conferences a year (next one is SREcon in Dublin, 12 May).', 'en-GB', 'SREcon'],
    [
      'Booked a ticket for Figma Config on the 30th, first big conference I have paid for.',
      'en-GB',
      'Config',
    ],
    ['Aangemeld voor de netwerkavond van Voka op 5/5.', 'nl-NL', 'Voka'],
    ["Je vais suivre le webinaire de l'APEC sur le réseautage.", 'fr-FR', 'APEC'],
    ['Ich bin vom 22. bis 24.9. auf der DMEXCO, Ticket ist schon gekauft.', 'de-DE', 'DMEXCO'],
  ])('%j', (text, locale, name) => {
    expect(read(text, locale, 3).event?.name).toContain(name);
  });

  it.each([
    ['My first pick is Rob, who runs the Brisbane product meetup.', 'en-GB'],
    ["I'll admit events are the part I dread.", 'en-GB'],
  ])('%j is no event', (text, locale) => {
    expect(read(text, locale, 3).event).toBeNull();
  });
});

describe('days that are not plans (holdout-4)', () => {
  it.each([
    ['Paddy pushed ours from Friday to the 21st.', 'en-GB', ['2026-04-21']],
    ['Sam said yes for tmrw at lunch.', 'en-GB', ['2026-04-15']],
    [
      'I looked at the AWS meetup on the 17th but it clashes with a recital, so that’s out.',
      'en-GB',
      [],
    ],
    ['Quería ir a una charla el jueves pero se suspendió.', 'es-ES', []],
    ["I'm at a wedding May 9-20. Hold the emails until I'm back please!", 'en-GB', []],
    ['Ich bin vom 22. bis 24.9. auf der Messe.', 'de-DE', ['2026-09-22']],
  ])('%j', (text, locale, expected) => {
    expect(dates(text, locale)).toEqual(expected);
  });
});

describe('a why said to be known (holdout-4)', () => {
  it('reads the why and offer in brackets after it', () => {
    const u = read(
      'Already know my why (moving into UX research, and I can offer help with interviews).',
      'en-GB',
      1,
    );
    expect(u.why).toContain('UX research');
    expect(u.offer).toContain('interviews');
  });
  it('takes nothing else for the why when it is only said to be known', () => {
    expect(read("I already know my why. Let's get going.", 'en-GB', 1).why).toBeNull();
  });
});
