import { localText } from '../../core/pacing-text.ts';

/** A choice in the manage page's locale list. */
export interface LocaleChoice {
  value: string;
  label: string;
}

/**
 * Locales offered for dates and times, besides the subscriber's own (any tag
 * `Intl` knows is accepted): a spread of the languages and regions people
 * most often write dates differently in, with their labels ({@link localeLabel}),
 * by label. Written out rather than computed: building them takes some fifty
 * date formatters, which cost a cold manage page about 80 ms.
 * `test/unit/locale-choices.test.ts` holds each label to what `localeLabel` says.
 */
export const offeredLocales: readonly LocaleChoice[] = (
  [
    ['en-US', 'American English · 12/23/2026 · 9:30 PM'],
    ['ar-EG', 'Arabic (Egypt) · 23/12/2026 · 9:30 PM'],
    ['en-AU', 'Australian English · 23/12/2026 · 9:30 pm'],
    ['de-AT', 'Austrian German · 23.12.2026 · 21:30'],
    ['pt-BR', 'Brazilian Portuguese · 23/12/2026 · 21:30'],
    ['en-GB', 'British English · 23/12/2026 · 21:30'],
    ['en-CA', 'Canadian English · 2026-12-23 · 9:30 p.m.'],
    ['fr-CA', 'Canadian French · 2026-12-23 · 21 h 30'],
    ['zh-CN', 'Chinese (China) · 2026/12/23 · 21:30'],
    ['zh-TW', 'Chinese (Taiwan) · 2026/12/23 · 9:30 PM'],
    ['cs-CZ', 'Czech (Czechia) · 23. 12. 2026 · 21:30'],
    ['da-DK', 'Danish (Denmark) · 23.12.2026 · 21.30'],
    ['nl-NL', 'Dutch (Netherlands) · 23-12-2026 · 21:30'],
    ['en-IN', 'English (India) · 23/12/2026 · 9:30 pm'],
    ['en-IE', 'English (Ireland) · 23/12/2026 · 21:30'],
    ['en-NZ', 'English (New Zealand) · 23/12/2026 · 9:30 pm'],
    ['en-ZA', 'English (South Africa) · 2026/12/23 · 21:30'],
    ['pt-PT', 'European Portuguese · 23/12/2026 · 21:30'],
    ['es-ES', 'European Spanish · 23/12/2026 · 21:30'],
    ['fi-FI', 'Finnish (Finland) · 23.12.2026 · 21.30'],
    ['nl-BE', 'Flemish · 23/12/2026 · 21:30'],
    ['fr-BE', 'French (Belgium) · 23/12/2026 · 21:30'],
    ['fr-FR', 'French (France) · 23/12/2026 · 21:30'],
    ['de-DE', 'German (Germany) · 23.12.2026 · 21:30'],
    ['el-GR', 'Greek (Greece) · 23/12/2026 · 9:30 PM'],
    ['he-IL', 'Hebrew (Israel) · 23.12.2026 · 21:30'],
    ['hi-IN', 'Hindi (India) · 23/12/2026 · 9:30 PM'],
    ['hu-HU', 'Hungarian (Hungary) · 2026. 12. 23. · 21:30'],
    ['id-ID', 'Indonesian (Indonesia) · 23/12/2026 · 21.30'],
    ['it-IT', 'Italian (Italy) · 23/12/2026 · 21:30'],
    ['ja-JP', 'Japanese (Japan) · 2026/12/23 · 21:30'],
    ['ko-KR', 'Korean (South Korea) · 2026. 12. 23. · 9:30 PM'],
    ['es-MX', 'Mexican Spanish · 23/12/2026 · 9:30 PM'],
    ['nb-NO', 'Norwegian Bokmål (Norway) · 23.12.2026 · 21:30'],
    ['pl-PL', 'Polish (Poland) · 23.12.2026 · 21:30'],
    ['ro-RO', 'Romanian (Romania) · 23.12.2026 · 21:30'],
    ['ru-RU', 'Russian (Russia) · 23.12.2026 · 21:30'],
    ['es-AR', 'Spanish (Argentina) · 23/12/2026 · 9:30 PM'],
    ['es-CO', 'Spanish (Colombia) · 23/12/2026 · 9:30 PM'],
    ['sv-SE', 'Swedish (Sweden) · 2026-12-23 · 21:30'],
    ['fr-CH', 'Swiss French · 23.12.2026 · 21:30'],
    ['de-CH', 'Swiss High German · 23.12.2026 · 21:30'],
    ['th-TH', 'Thai (Thailand) · 23/12/2026 · 21:30'],
    ['tr-TR', 'Turkish (Türkiye) · 23.12.2026 · 21:30'],
    ['uk-UA', 'Ukrainian (Ukraine) · 23.12.2026 · 21:30'],
    ['vi-VN', 'Vietnamese (Vietnam) · 23/12/2026 · 21:30'],
  ] as const
).map(([value, label]) => ({ value, label }));

/** 23 December at 21:30 tells day-month order and the clock apart at a glance. */
const sampleInstant = new Date('2026-12-23T21:30:00Z');

let languageNames: Intl.DisplayNames | undefined;

/** "German (Germany) · 23.12.2026 · 21:30": the locale's name and how it writes a date. */
export function localeLabel(locale: string): string {
  let name = locale;
  try {
    languageNames ??= new Intl.DisplayNames('en', { type: 'language' });
    name = languageNames.of(locale) ?? locale;
  } catch {
    // A tag Intl cannot name is shown as it is.
  }
  const reader = { timezone: 'UTC', locale };
  return `${name} · ${localText(sampleInstant, reader, 'shortDate')} · ${localText(sampleInstant, reader, 'time')}`;
}

/** The offered locales, with the subscriber's own first when it is not among them. */
export function localeChoices(current: string): readonly LocaleChoice[] {
  return offeredLocales.some((c) => c.value === current)
    ? offeredLocales
    : [{ value: current, label: localeLabel(current) }, ...offeredLocales];
}
