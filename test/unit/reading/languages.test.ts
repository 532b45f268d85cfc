import { describe, expect, it } from 'vitest';
import { findDateMentions, understandReply } from '../../../functions/core/reading/index.ts';
import { detectLanguage } from '../../../functions/core/reading/language.ts';

// Tuesday 17 November 2026, morning in Europe.
const now = new Date('2026-11-17T08:00:00Z');
const read = (
  text: string,
  locale: string,
  step: number | null = null,
  timezone = 'Europe/Berlin',
) => understandReply(text, { step, now, timezone, locale });

describe('language', () => {
  it.each([
    ['Ich habe gestern mit Anna gesprochen und treffe Paul am Freitag.', 'en-US', 'de'],
    ["J'ai déjeuné avec Pierre hier et je vois Inès jeudi.", 'en-US', 'fr'],
    ['Ayer comí con Raúl y el jueves veo a Irene.', 'en-US', 'es'],
    ['Gisteren heb ik met Joost geluncht en donderdag zie ik Iris.', 'en-US', 'nl'],
    ['Met Priya yesterday and I am seeing Sam on Friday.', 'de-DE', 'en'],
    ['Abmelden bitte.', 'de-DE', 'de'],
    ['Ana y Luis.', 'es-ES', 'es'],
    ['ok', 'fr-FR', 'fr'],
    ['ok', undefined, 'en'],
  ] as const)('%j (locale %s) is %s', (text, locale, language) => {
    expect(detectLanguage(text, locale)).toBe(language);
  });
});

describe('dates in the locale’s order', () => {
  it.each([
    ['pause until 05/02', 'fr-FR', 'Europe/Paris', '2027-02-05'],
    ['pause until 05/02', 'en-GB', 'Europe/London', '2027-02-05'],
    ['pause until 05/02', 'en-US', 'America/New_York', '2027-05-02'],
    ['Bitte pausieren bis 14.12.', 'de-DE', 'Europe/Berlin', '2026-12-14'],
    ['Bitte pausieren bis 14. Dezember', 'de-DE', 'Europe/Berlin', '2026-12-14'],
    ["Merci de suspendre jusqu'au 3/1", 'fr-FR', 'Europe/Paris', '2027-01-03'],
    ['Pausa hasta el 9/12, por favor', 'es-ES', 'Europe/Madrid', '2026-12-09'],
    ['Graag pauzeren tot 9-12', 'nl-NL', 'Europe/Amsterdam', '2026-12-09'],
  ])('%j in %s pauses until %s', (text, locale, timezone, until) => {
    const u = read(text, locale, null, timezone);
    expect(u.command).toBe('pause');
    expect(u.until).toBe(until);
  });

  it('reads a past sentence backwards and a plan forwards', () => {
    // Tuesday 17 November: "Monday" in a report is yesterday's, in a plan next week's.
    expect(read('Saw Greta on Monday, lovely.', 'en-GB', 4)).toMatchObject({
      met: ['Greta'],
      dates: [],
    });
    expect(read('Seeing Greta on Monday.', 'en-GB', 4)).toMatchObject({
      met: [],
      dates: [{ date: '2026-11-23' }],
    });
    expect(read('Am Montag habe ich Greta getroffen.', 'de-DE', 4)).toMatchObject({
      met: ['Greta'],
      dates: [],
    });
    expect(read('Ich treffe Greta am Montag.', 'de-DE', 4).dates).toEqual([
      { text: 'am Montag', date: '2026-11-23' },
    ]);
  });

  it('keeps vague times out of the dates', () => {
    for (const text of [
      'maybe next week',
      'a second coffee soon',
      'nächste Woche vielleicht',
      'la semaine prochaine',
      'algún día de estos',
    ]) {
      expect(read(text, 'en-GB').dates, text).toEqual([]);
    }
  });

  it('findDateMentions reads numeric dates in the given locale', () => {
    expect(findDateMentions('on 03/04', now, 'Europe/London', 'en-GB').map((d) => d.date)).toEqual([
      '2027-04-03',
    ]);
    expect(
      findDateMentions('on 03/04', now, 'America/New_York', 'en-US').map((d) => d.date),
    ).toEqual(['2027-03-04']);
  });
});

describe('commands in five languages', () => {
  it.each([
    ['Please stop emailing me.', 'en-GB', 'stop'],
    ['Keine Mails mehr, bitte.', 'de-DE', 'stop'],
    ['Merci de me désabonner.', 'fr-FR', 'stop'],
    ['No quiero recibir más correos.', 'es-ES', 'stop'],
    ['Schrijf me uit alsjeblieft.', 'nl-NL', 'stop'],
    ['Könnt ihr das Tempo etwas langsamer machen?', 'de-DE', 'slower'],
    ['Je préfère recevoir les leçons moins souvent.', 'fr-FR', 'slower'],
    ['Podéis enviarlas más a menudo, tengo tiempo.', 'es-ES', 'faster'],
    ['Deze stap sla ik over.', 'nl-NL', 'skip'],
    ['Noch nicht, gebt mir noch ein paar Tage.', 'de-DE', 'not-yet'],
    ['Je suis de retour, vous pouvez reprendre.', 'fr-FR', 'resume'],
  ])('%j (%s) is %s', (text, locale, command) => {
    expect(read(text, locale).command).toBe(command);
  });

  it.each([
    ['STOP! haha, only kidding, keep them coming.', 'en-GB'],
    ["My colleague said I should reply 'unsubscribe' to everything.", 'en-US'],
    ['Abmelden? Auf keinen Fall, nie!', 'de-DE'],
    ['Arrêter ? Jamais de la vie.', 'fr-FR'],
    ["Don't stop sending these, they help.", 'en-US'],
    ['How do I unsubscribe if I need to later?', 'en-US'],
    ['I stopped by the office on Friday.', 'en-GB'],
  ])('%j is not a command', (text, locale) => {
    expect(read(text, locale).command).toBeNull();
  });

  it('honours a plain stop at once, whatever else the reply says', () => {
    expect(read('Unsubscribe. Thanks for everything, it was useful.', 'en-GB').command).toBe(
      'stop',
    );
  });
});

describe('people, roles and meetings', () => {
  it('logs the person met, not the one they are named after', () => {
    const u = read("Had a video call with Nadia's manager, Oskar, yesterday.", 'en-GB', 4);
    expect(u.people).toEqual(['Oskar']);
    expect(u.met).toEqual(['Oskar']);
  });

  it('does not count a plan, an intention or a cancelled coffee as met', () => {
    expect(read('I meant to see Bruno last week but he was ill.', 'en-GB', 4).met).toEqual([]);
    expect(read('Coffee with Bruno is booked for Friday.', 'en-GB', 4).met).toEqual([]);
    expect(read('Kaffee mit Bruno ist abgesagt.', 'de-DE', 4).met).toEqual([]);
  });

  it('does not take places, companies, months or weekdays for people', () => {
    const u = read(
      'Saw Femi at Accenture in Manchester on Monday. Slightly nervous about March.',
      'en-GB',
      4,
    );
    expect(u.people).toEqual(['Femi']);
  });

  it('reads a German list without taking nouns for names', () => {
    expect(
      read('Kaffee mit Lena am Freitag, Mittagessen mit Jonas am 2.12.', 'de-DE', 2).people,
    ).toEqual(['Lena', 'Jonas']);
  });
});
