import { describe, expect, it } from 'vitest';
import { findReturnDate } from '../../../functions/core/auto-reply.ts';
import { readInEurope } from '../../support/read-in-europe.ts';

// Wednesday 11 March 2026, morning in Europe.
const read = readInEurope(new Date('2026-03-11T10:00:00Z'));

describe('a command asked about for later is no command; a polite request now is one', () => {
  it.each([
    ['Is it possible to pause the course if I get busy in May?', 'en-GB'],
    ['Can I pause whenever I want?', 'en-GB'],
    ['Good to know I can pause if I need to.', 'en-GB'],
    ['Would it be possible to pause at some point in the summer? Not now though.', 'en-GB'],
    [
      "Quick q: if I need to pause in August, do I just reply 'pause'? Not yet, just planning.",
      'en-US',
    ],
    ['Kann ich den Kurs pausieren, wenn ich im Sommer im Urlaub bin?', 'de-DE'],
    ["Est-il possible de mettre en pause plus tard si j'ai un empêchement ?", 'fr-FR'],
    ['Si jamais je dois faire une pause cet été, il suffit de vous écrire ? Pas encore.', 'fr-FR'],
    ['¿Podré pausar el curso en verano?', 'es-ES'],
    ['Kan ik later pauzeren als het druk wordt?', 'nl-NL'],
  ])('%j reads no command', (text, locale) => {
    expect(read(text, locale).command).toBeNull();
  });

  it.each([
    ['If possible, please pause until the 12th — thanks!', 'en-GB', '2026-03-12'],
    ['Would it be possible to pause until Monday?', 'en-GB', '2026-03-16'],
    ['Könntet ihr bitte bis Montag pausieren?', 'de-DE', '2026-03-16'],
    ['Serait-il possible de mettre en pause jusqu’au 20 mars ?', 'fr-FR', '2026-03-20'],
    ['¿Podéis parar los correos hasta el lunes?', 'es-ES', '2026-03-16'],
    ['Kunnen jullie de lessen pauzeren tot maandag?', 'nl-NL', '2026-03-16'],
  ])('%j is a pause until %s', (text, locale, until) => {
    const understood = read(text, locale);
    expect(understood.command).toBe('pause');
    expect(understood.until).toBe(until);
  });
});

describe('a stop with an end is a pause; a stop without one stays a stop', () => {
  it.each([
    ['Could you stop the emails until Monday?', 'en-GB', '2026-03-16'],
    ['Stop the emails for a couple of weeks please.', 'en-GB', '2026-03-25'],
    ['Könnt ihr die Mails bis Monatsende stoppen?', 'de-DE', '2026-03-31'],
    ['Bitte schickt mir bis zum 20. keine Mails.', 'de-DE', '2026-03-20'],
    ["Vous pouvez arrêter les mails jusqu'à lundi ?", 'fr-FR', '2026-03-16'],
    ['kunnen jullie de lessen stopzetten tot het einde van de maand?', 'nl-NL', '2026-03-31'],
    ['Tot eind maart geen mails graag.', 'nl-NL', '2026-03-31'],
  ])('%j pauses until %s', (text, locale, until) => {
    const u = read(text, locale);
    expect(u.command).toBe('pause');
    expect(u.until).toBe(until);
  });

  it.each([
    ['Unsubscribe me please, if I want to come back I’ll sign up again.', 'en-GB'],
    ['Arrêtez les mails, merci.', 'fr-FR'],
    ['¿Podéis parar los correos? Ya no me interesa.', 'es-ES'],
    ['Kunnen jullie de lessen stopzetten? Het is niks voor mij.', 'nl-NL'],
  ])('%j stops', (text, locale) => {
    expect(read(text, locale).command).toBe('stop');
  });
});

describe('a length of rest without "for" runs from the day written', () => {
  it.each([
    ["Could I have two weeks' break?", 'en-GB', '2026-03-25'],
    ['A fortnight off would be ideal, house move.', 'en-GB', '2026-03-25'],
    ['Kannst du mir zwei Wochen Pause geben?', 'de-DE', '2026-03-25'],
    ['Je pars quinze jours, vous pouvez suspendre ?', 'fr-FR', '2026-03-25'],
    ['Necesito un par de semanas de descanso.', 'es-ES', '2026-03-25'],
    ['Een pauze van twee weken zou fijn zijn.', 'nl-NL', '2026-03-25'],
  ])('%j pauses until %s', (text, locale, until) => {
    const u = read(text, locale);
    expect(u.command).toBe('pause');
    expect(u.until).toBe(until);
  });

  it.each([
    ['We took a week off in February and I met Priya there.', 'en-GB'],
    ['Ich hatte zwei Wochen Urlaub und habe dabei Jonas getroffen.', 'de-DE'],
    ["J'ai pris une semaine de pause en février, c'était top.", 'fr-FR'],
  ])('%j, a past rest, is no pause', (text, locale) => {
    expect(read(text, locale).command).toBeNull();
  });
});

describe('out-of-office notes', () => {
  it.each([
    [
      "Message d'absence : je suis en congés et serai de retour le lundi 24 août. Pour toute urgence, merci de contacter Sophie Martin.",
      'fr-FR',
      '2026-08-24',
    ],
    ['Ich bin ab 3.8. zurück. Meine Vertretung ist Anna Roth.', 'de-DE', '2026-08-03'],
    [
      'Estoy de vacaciones hasta el 3 de agosto. Para asuntos urgentes, contacte con Javier Ruiz.',
      'es-ES',
      '2026-08-03',
    ],
    [
      'Afwezigheidsmelding: ik ben met verlof tot en met 31 juli. Voor dringende zaken kunt u terecht bij Wim Peeters.',
      'nl-NL',
      '2026-08-01',
    ],
  ])('%j pauses until %s and names no contact', (text, locale, until) => {
    const u = readInEurope(new Date('2026-07-10T08:00:00Z'))(text, locale, 3);
    expect(u.command).toBe('pause');
    expect(u.until).toBe(until);
    expect(u.people).toEqual([]);
  });

  it.each([
    ['Ik was afwezig vorige week maar heb Bram gesproken.', 'nl-NL', 'Bram'],
    ['I was out of office last week but met Jane for coffee.', 'en-GB', 'Jane'],
  ])('%j, an absence that was, keeps its contact', (text, locale, name) => {
    const u = read(text, locale);
    expect(u.command).toBeNull();
    expect(u.people).toContain(name);
  });

  it('reads a range with "inclus" to the day after its end', () => {
    const text = 'Réponse automatique — Je suis absente du 3 au 21 août inclus.';
    expect(findReturnDate(text, new Date('2026-07-28T07:00:00Z'), 'Europe/Paris', 'fr-FR')).toBe(
      '2026-08-22',
    );
  });
});

describe('a stop with "never" in its reason is a stop; "never!" said back to it is not', () => {
  it.each([
    ['Unsubscribe me, I never read these.', 'en-GB'],
    ['Please stop emailing me, I never signed up for this', 'en-US'],
    ['STOP. I never asked for this.', 'en-GB'],
    ['Unsubscribe. Never again will I sign up for a newsletter', 'en-GB'],
    ['Bitte abmelden, ich lese das nie.', 'de-DE'],
    ['Désabonnez-moi, je ne lis jamais ces mails.', 'fr-FR'],
    ['Darme de baja, nunca leo esto.', 'es-ES'],
    ['Afmelden graag, ik lees dit nooit.', 'nl-NL'],
  ])('%j is a stop', (text, locale) => {
    expect(read(text, locale).command).toBe('stop');
  });

  it.each([
    ['Unsubscribe? Never!', 'en-GB'],
    ['Abmelden? Niemals!', 'de-DE'],
    ['Me désabonner ? Jamais !', 'fr-FR'],
    ['¿Darme de baja? ¡Nunca!', 'es-ES'],
    ['Uitschrijven? Nooit!', 'nl-NL'],
    ['stop... no way, just kidding', 'en-GB'],
  ])('%j reads no command', (text, locale) => {
    expect(read(text, locale).command).toBeNull();
  });
});

describe('commands said in other words, by family', () => {
  it.each([
    ['Please take my email off your list.', 'en-GB', 'stop'],
    ['Könnt ihr mich aus der Mailingliste streichen?', 'de-DE', 'stop'],
    ['Retirez-moi de la liste, merci.', 'fr-FR', 'stop'],
    ['Sacadme de la lista de correo, gracias.', 'es-ES', 'stop'],
    ['Verwijder me uit de verzendlijst aub.', 'nl-NL', 'stop'],
    ["I'd rather stop here.", 'en-GB', 'stop'],
    ['Ich höre hier auf.', 'de-DE', 'stop'],
    ['Lo dejo aquí. Gracias por todo.', 'es-ES', 'stop'],
    ['Ik stop ermee.', 'nl-NL', 'stop'],
    ['Not interested anymore.', 'en-GB', 'stop'],
    ['Geen interesse meer.', 'nl-NL', 'stop'],
    ['Happy for you to start sending again.', 'en-GB', 'resume'],
    ['Ihr könnt wieder loslegen, ich bin zurück.', 'de-DE', 'resume'],
    ['¿Podéis volver a mandarme las lecciones?', 'es-ES', 'resume'],
    ['Can we shelve it for a while? Newborn at home.', 'en-GB', 'pause'],
    ['¿Podemos frenar un poco? Estoy a tope.', 'es-ES', 'pause'],
    ['Kunnen de lessen even in de ijskast?', 'nl-NL', 'pause'],
    ["Haven't quite finished it yet.", 'en-GB', 'not-yet'],
    ['Ich habe es noch nicht geschafft.', 'de-DE', 'not-yet'],
    ["Je n'ai pas encore pu m'y mettre.", 'fr-FR', 'not-yet'],
  ])('%j reads %s', (text, locale, command) => {
    expect(read(text, locale).command).toBe(command);
  });

  it.each([
    ['Anyway, I think I’ll stop here before this gets too long. Thanks!', 'en-GB'],
    ["I'm not interested in finance anymore, I want to move to product.", 'en-GB'],
    ['Ich höre auf zu zögern und schreibe Jana heute.', 'de-DE'],
    ['Ich habe das Handy im Zug liegen lassen.', 'de-DE'],
    ['Le marketing ne m’intéresse plus, je vise la tech.', 'fr-FR'],
    ['Je préfère arrêter de procrastiner.', 'fr-FR'],
    ['El marketing ya no me interesa, ahora quiero producto.', 'es-ES'],
    ['Me di de baja del gimnasio.', 'es-ES'],
    ['Lo dejo para mañana.', 'es-ES'],
    ['Ik stuur Joris weer een berichtje.', 'nl-NL'],
    ['Ik heb een week vakantie nodig voor ik verder kan met netwerken.', 'nl-NL'],
    ["I'll start sending invites to Sam again next week.", 'en-GB'],
    ['Could you send me the last lesson again? I deleted it.', 'en-GB'],
    ["I haven't met anyone yet.", 'en-GB'],
    ['Todavía no me ha contestado Marta.', 'es-ES'],
  ])('%j reads no command', (text, locale) => {
    expect(read(text, locale).command).toBeNull();
  });

  it('pauses "until the new year" to 1 January, in any language', () => {
    expect(read('Mag het even stilliggen tot nieuwjaar?', 'nl-NL').until).toBe('2027-01-01');
    expect(read('Können wir den Kurs bis Neujahr ruhen lassen?', 'de-DE').until).toBe('2027-01-01');
  });
});

describe('a done word that leads on into a report is an opening, not the task done', () => {
  it.each([
    ['Listo, le escribí a Camilo.', 'es-ES'],
    ['Klaar, ik heb Joris gemaild.', 'nl-NL'],
    ['Done, met Sam on Tuesday.', 'en-GB'],
    ['Voilà, j’ai contacté Hélène.', 'fr-FR'],
  ])('%j reads no command', (text, locale) => {
    expect(read(text, locale).command).toBeNull();
  });

  it.each([
    ['¡Listo!', 'es-ES'],
    ['Done, thanks!', 'en-GB'],
    ['Done ✅ met Sam.', 'en-GB'],
    ['Erledigt! Drei Leute ausgesucht.', 'de-DE'],
    ["C'est fait !", 'fr-FR'],
    ['Klaar!', 'nl-NL'],
  ])('%j is done', (text, locale) => {
    expect(read(text, locale).command).toBe('done');
  });
});

describe('every plain stop is still a stop', () => {
  it.each([
    ['STOP', 'en-GB'],
    ['Unsubscribe', 'en-GB'],
    ['Please stop emailing me.', 'en-GB'],
    ['Stopp!', 'de-DE'],
    ['Bitte abbestellen.', 'de-DE'],
    ['Ich will aufhören.', 'de-DE'],
    ['Arrêtez.', 'fr-FR'],
    ['Je ne veux plus recevoir ces mails.', 'fr-FR'],
    ['Basta.', 'es-ES'],
    ['Dadme de baja.', 'es-ES'],
    ['No quiero recibir más correos.', 'es-ES'],
    ['Uitschrijven aub', 'nl-NL'],
    ['Ik wil geen mails meer ontvangen.', 'nl-NL'],
  ])('%j is a stop', (text, locale) => {
    expect(read(text, locale).command).toBe('stop');
  });
});

describe('"out", "off" and "away" are an absence only when said of the writer', () => {
  it.each([
    'Check out the website for the details, going to the meetup on Friday',
    'Figured out the details, coffee with Sam on Friday',
    'Sorted out a coffee with Priya for the 20th.',
  ])('%j reads no command', (text) => {
    expect(read(text, 'en-GB').command).toBeNull();
  });

  it.each([
    ['Away until the 14th.', '2026-03-14'],
    ["I'm out until Friday.", '2026-03-13'],
    ["We're off to Spain until the 20th so please hold the emails", '2026-03-20'],
  ])('%j is a pause until %s', (text, until) => {
    const understood = read(text, 'en-GB');
    expect(understood.command).toBe('pause');
    expect(understood.until).toBe(until);
  });
});

describe('"pas encore de …" is nothing yet, not the lesson left undone', () => {
  it.each([
    'Je vais au salon VivaTech, pas encore de date pour la soirée réseau.',
    'Pas encore de réponse de Julie.',
  ])('%j reads no command', (text) => {
    expect(read(text, 'fr-FR').command).toBeNull();
  });

  it('"Pas encore fait" still is', () => {
    expect(read('Pas encore fait, il me faut une semaine de plus.', 'fr-FR').command).toBe(
      'not-yet',
    );
  });
});
