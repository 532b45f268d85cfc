import { describe, expect, it } from 'vitest';
import { understandReply } from '../../../functions/core/reading/index.ts';

const now = new Date('2026-04-14T08:00:00Z');
const read = (text: string, locale: string) =>
  understandReply(text, { step: 1, now, timezone: 'Europe/London', locale });

describe('saying one has no why or offer yet, or knows it already, states none', () => {
  it.each([
    ['Honestly no idea what my why is yet, still thinking. Nothing I could offer either.', 'en-AU'],
    [
      'Keine Ahnung, was mein Warum ist. Was ich anbieten könnte, weiß ich auch noch nicht.',
      'de-DE',
    ],
    ['Mon pourquoi ? Je ne sais pas encore. Ce que je pourrais offrir, aucune idée.', 'fr-FR'],
    ['Mi porqué todavía no lo sé. ¿Y qué podría ofrecer yo? Ni idea.', 'es-ES'],
    ['Mijn waarom weet ik nog niet. Wat ik kan bieden? Geen idee eigenlijk.', 'nl-NL'],
    ['Mon pourquoi, je le connais déjà par cœur 😉', 'fr-FR'],
    ['Mein Warum kenne ich schon lange.', 'de-DE'],
  ])('%j', (text, locale) => {
    const u = read(text, locale);
    expect(u.why).toBeNull();
    expect(u.offer).toBeNull();
  });

  it('keeps a why that mentions not knowing people', () => {
    expect(
      read("My why is that I don't know anyone in fintech. I want to change that.", 'en-GB').why,
    ).toContain('fintech');
  });
});

describe('an offer under "what I offer:" or said as a trade', () => {
  it.each([
    ["mon pourquoi: le jeu vidéo. ce que j'offre: je code en C++ depuis 10 ans", 'fr-CA', 'C++'],
    ['Warum: Pflege. Was ich biete: 15 Jahre Intensivstation.', 'de-DE', 'Intensivstation'],
    ['Mi porqué: energía. Lo que ofrezco: Power BI.', 'es-MX', 'Power BI'],
    ['Mijn waarom: cultuur. Wat ik bied: fotografie.', 'nl-BE', 'fotografie'],
    [
      'I want to move into climate finance. In return I can help with Excel models.',
      'en-GB',
      'Excel',
    ],
    [
      'Quiero pasarme a fintech. A cambio puedo dar una mano con temas impositivos.',
      'es-AR',
      'impositivos',
    ],
    ['Je veux rejoindre une ONG. En échange je peux relire des CV.', 'fr-FR', 'CV'],
    [
      'Ich möchte in die Medizintechnik. Im Gegenzug kann ich bei Förderanträgen unterstützen.',
      'de-AT',
      'Förderanträgen',
    ],
    ['Ik wil naar de bouw. In ruil kan ik meekijken naar je LinkedIn.', 'nl-NL', 'LinkedIn'],
  ])('%j', (text, locale, offer) => {
    expect(read(text, locale).offer).toContain(offer);
  });
});

describe('a why heading followed by a story: the goal sentence is the why', () => {
  it.each([
    [
      'My why is pretty simple: I got laid off in November and my whole network was in that company. I want to get into supply chain analytics.',
      'en-US',
      'supply chain analytics',
    ],
    [
      'Mein Warum: Meine Stelle wurde gestrichen. Ich stand ohne Netzwerk da. Ich möchte in die Personalentwicklung.',
      'de-DE',
      'Personalentwicklung',
    ],
    [
      "Mon pourquoi : quinze ans dans la même banque, tous mes contacts sont là-bas. Je veux me reconvertir dans l'éducation.",
      'fr-FR',
      'éducation',
    ],
    [
      'Mi porqué: me mudé hace seis meses y no conozco a nadie. Quiero trabajar en marketing digital.',
      'es-ES',
      'marketing digital',
    ],
    [
      'Mijn waarom: mijn contract loopt af. Ik wil de overstap maken naar data-analyse.',
      'nl-NL',
      'data-analyse',
    ],
  ])('%j', (text, locale, why) => {
    expect(read(text, locale).why).toContain(why);
  });
});
