import { describe, expect, it } from 'vitest';
import {
  localeChoices,
  localeLabel,
  offeredLocales,
} from '../../functions/handlers/http/locale-choices.ts';

describe('the locales the manage page offers', () => {
  it('are labelled as localeLabel labels them on this runtime, sorted by label', () => {
    // Prepare
    const values = offeredLocales.map((c) => c.value);
    // Act
    const computed = values.map((value) => ({ value, label: localeLabel(value) }));
    // Assess
    expect(offeredLocales).toEqual(computed);
    const labels = offeredLocales.map((c) => c.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, 'en')));
    expect(new Set(values).size).toBe(values.length);
  });

  it("put the subscriber's own locale first when it is not offered, labelled the same way", () => {
    // Act
    const offered = localeChoices('de-DE');
    const own = localeChoices('de-LU');
    // Assess
    expect(offered).toBe(offeredLocales);
    expect(own[0]).toEqual({ value: 'de-LU', label: localeLabel('de-LU') });
    expect(own[0]?.label).toMatch(/^German \(Luxembourg\) · 23\.12\.2026 · 21:30$/);
    expect(own.slice(1)).toEqual(offeredLocales);
  });
});
