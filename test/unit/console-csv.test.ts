import { describe, expect, it } from 'vitest';
import { parseImportCsv } from '../../console/import-csv.ts';
import { whatWasRead } from '../../console/timeline.ts';
import { jsonPathLines, lineOfPath } from '../../scripts/templates/json-lines.ts';

const options = {
  defaultTimezone: 'UTC',
  defaultLocale: 'en-US',
  now: new Date('2026-03-02T10:00:00Z'),
};

describe('reading the import CSV', () => {
  it('reads rows with and without consent evidence, defaults filled in', () => {
    const { rows, problems } = parseImportCsv(
      '\uFEFFEmail,Name,Timezone,Locale,Consented_At,Source\r\n' +
        'Ada@Example.com, Ada  Lovelace ,Europe/London,en-gb,2025-11-03T09:30:00+01:00,"Meetup, November"\r\n' +
        '\r\n' +
        'bob@example.com,,,,,\r\n',
      options,
    );
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        person: {
          input: {
            email: 'ada@example.com',
            name: 'Ada Lovelace',
            timezone: 'Europe/London',
            locale: 'en-GB',
          },
          consent: { at: '2025-11-03T08:30:00.000Z', origin: 'Meetup, November' },
        },
      },
      {
        line: 4,
        person: {
          input: { email: 'bob@example.com', name: null, timezone: 'UTC', locale: 'en-US' },
          consent: null,
        },
      },
    ]);
  });

  it('takes a file with only an email column', () => {
    const { rows } = parseImportCsv('email\ncat@example.com\n', options);
    expect(rows.map((r) => r.person.input.email)).toEqual(['cat@example.com']);
  });

  it('names the line and field of every problem, all of them at once', () => {
    const { rows, problems } = parseImportCsv(
      [
        'email,name,timezone,locale,consented_at,source',
        'bad,,Mars/Base,xx_123_bad,2025-02-30,',
        'ann@example.com,,,,2027-01-01,A form',
        'ann@example.com,,,,,',
        'dan@example.com,,,,,Newsletter',
        'eve@example.com,,,',
      ].join('\n'),
      options,
    );
    expect(rows).toEqual([]);
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '2: email: is not a valid email address ("bad")',
      '2: timezone: is not a known IANA time zone ("Mars/Base")',
      '2: locale: must be a language tag like en-GB, de-DE or pt-BR ("xx_123_bad")',
      '2: consented_at: "2025-02-30" is not a date like 2025-11-03 or 2025-11-03T09:30:00Z',
      '2: source: says where the consent was given; required with consented_at',
      '3: consented_at: "2027-01-01" is in the future',
      '4: email: ann@example.com is already on line 3',
      '5: source: is given without consented_at: add when the consent was given, or leave source empty to send the confirmation email',
      '6: has 4 fields where the header has 6',
    ]);
  });

  it('names bad headers and unreadable files', () => {
    expect(parseImportCsv('', options).problems).toEqual([
      { line: 1, message: 'the file is empty' },
    ]);
    expect(parseImportCsv('name,mail\nA,a@example.com\n', options).problems).toEqual([
      {
        line: 1,
        message:
          'unknown column "mail" (columns: email, name, timezone, locale, consented_at, source)',
      },
      { line: 1, message: 'no "email" column in the header' },
    ]);
    const [problem] = parseImportCsv('email\n"open@example.com\n', options).problems;
    expect(problem?.message).toMatch(/^not readable as CSV: /);
  });
});

describe('small readers', () => {
  it('keeps only what a reply was read to say', () => {
    expect(
      whatWasRead({
        command: null,
        why: 'to grow',
        people: [],
        met: ['Sam'],
        dates: [],
        event: null,
      }),
    ).toEqual({ why: 'to grow', met: ['Sam'] });
  });

  it('finds the line of each value of a JSON document', () => {
    const text =
      '{\n  "id": "demo",\n  "emails": [\n    { "id": "a" },\n    {\n      "id": "b"\n    }\n  ]\n}';
    const lines = jsonPathLines(text);
    expect(lineOfPath(lines, 'id')).toBe(2);
    expect(lineOfPath(lines, 'emails')).toBe(3);
    expect(lineOfPath(lines, 'emails.0.id')).toBe(4);
    expect(lineOfPath(lines, 'emails.1')).toBe(5);
    expect(lineOfPath(lines, 'emails.1.id')).toBe(6);
    expect(lineOfPath(lines, 'emails.1.subject')).toBe(5);
    expect(lineOfPath(jsonPathLines('{ "a": [1, '), 'b')).toBe(1);
  });
});
