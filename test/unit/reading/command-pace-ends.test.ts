import { describe, expect, it } from 'vitest';
import { readInEurope } from '../../support/read-in-europe.ts';

// Wednesday 11 March 2026, morning in Europe.
const read = readInEurope(new Date('2026-03-11T10:00:00Z'));

describe('the pace verdict decides, not the rhythm it names', () => {
  it.each([
    ['Honestly one lesson a week is too slow, speed it up.', 'en-GB', 'faster'],
    ['Une leçon par semaine, c’est trop lent pour moi, accélérez.', 'fr-FR', 'faster'],
    ['Eine Lektion pro Woche ist mir zu langsam.', 'de-DE', 'faster'],
    ['Una lección por semana es demasiado lento para mí.', 'es-ES', 'faster'],
    ['Eén les per week is te traag voor mij.', 'nl-NL', 'faster'],
    ['Two lessons a week is too much for me, please space them out.', 'en-GB', 'slower'],
  ])('%j asks %s', (text, locale, command) => {
    expect(read(text, locale).command).toBe(command);
  });

  it('"too slow" said of oneself asks for nothing', () => {
    expect(read("I'm too slow at replying, sorry!", 'en-GB').command).toBeNull();
  });
});

describe('the next lesson asked for now is faster; without "now" it is not', () => {
  it.each([
    ["I'm ready for the next lesson whenever you are, no need to wait a week.", 'en-US'],
    ['Ihr könnt mir die nächste Lektion gerne schon jetzt schicken.', 'de-DE'],
    ['Envoyez-moi la prochaine leçon dès maintenant.', 'fr-FR'],
    ['Si me podéis mandar ya la siguiente lección, mejor.', 'es-ES'],
    ['Stuur de volgende les gerust nu al.', 'nl-NL'],
  ])('%j is faster', (text, locale) => {
    expect(read(text, locale).command).toBe('faster');
  });

  it('a wish for the next lesson asks nothing', () => {
    expect(read("Can't wait for the next lesson!", 'en-GB').command).toBeNull();
  });
});

describe('no longer receiving is a stop; a report of not receiving is not', () => {
  it.each([
    ["J'aimerais ne plus recevoir ces courriels.", 'fr-CA'],
    ["I'd like to stop receiving these emails.", 'en-GB'],
    ['Ich möchte Ihre E-Mails nicht mehr erhalten.', 'de-DE'],
    ['Ya no quisiera recibir estos correos.', 'es-ES'],
    ['Ik wil deze e-mails niet meer ontvangen.', 'nl-NL'],
  ])('%j is a stop', (text, locale) => {
    expect(read(text, locale).command).toBe('stop');
  });

  it.each([
    ['Je ne reçois plus les courriels sur mon téléphone.', 'fr-FR'],
    ['Die letzte Lektion habe ich nicht mehr erhalten.', 'de-DE'],
  ])('%j is no command', (text, locale) => {
    expect(read(text, locale).command).toBeNull();
  });
});

describe('pauses: held lessons, other verb forms, leave and inclusive ends', () => {
  it.each([
    ['Sir pls hold the next lessons till month end.', 'en-IN', '2026-03-31'],
    ['¿Me pausan los mails? Digamos hasta el 20 de marzo.', 'es-AR', '2026-03-20'],
    ['Ich bin bis und mit 20. März weg.', 'de-CH', '2026-03-21'],
    ['Absente jusqu’au 20 mars compris.', 'fr-FR', '2026-03-21'],
  ])('%j is a pause until %s', (text, locale, until) => {
    const understood = read(text, locale);
    expect(understood.command).toBe('pause');
    expect(understood.until).toBe(until);
    expect(understood.dates).toEqual([]);
  });

  it.each([
    ['Bin die nächsten Wochen in Elternzeit und melde mich, wenn ich wieder da bin.', 'de-DE'],
    ['Ik ben met zwangerschapsverlof en laat van me horen als ik terug ben.', 'nl-NL'],
    ['Estoy de baja por maternidad, os escribo cuando vuelva.', 'es-ES'],
  ])('%j is a pause with no end, not a return', (text, locale) => {
    const understood = read(text, locale);
    expect(understood.command).toBe('pause');
    expect(understood.until).toBeNull();
  });

  it('a return still to come is no resume', () => {
    expect(read('Wenn ich wieder da bin, treffe ich Anna.', 'de-DE').command).toBeNull();
  });
});
