import * as chrono from 'chrono-node';
const now = new Date('2026-03-03T15:00:00Z');
const texts = ['Coffee with Lena on Friday the 13th.', 'Meeting Kofi on Thursday the 5th.', 'back on the 14th', 'Coffee with Mira on 12 March.', 'March 12th', 'next Tuesday', 'back in April', 'until the end of the month', 'pause for two weeks', 'mid-April', 'TechCrunch Disrupt 2026 on Oct 28', 'Oct 28', '28/10', 'out 14.12.', "I'm out of the office from Dec 20 - Jan 5", 'I am on leave from 1 to 14 December', 'until Monday, January 5', 'Jan 5th', 'I have 3 kids and 2 dogs', 'Web Summit in Lisbon, November 10-13', 'on 2025-12-03', 'I met Sam on March 1', 'Sam, Priya and Jordan', 'May I ask something', 'Lesson 2: Two or three coffees', 'I was born in 1990', 'the 2nd floor', 'at 10am tomorrow', 'this Friday', 'Friday', 'tonight', 'in a few days', 'over the weekend', 'this weekend', 'next month', 'Sunday 8th March'];
for (const t of texts) {
  const r = chrono.parse(t, { instant: now, timezone: -300 }, { forwardDate: true });
  console.log(JSON.stringify(t), '=>', r.map(x => `[${x.text}] ${x.start.get('year')}-${x.start.get('month')}-${x.start.get('day')} c(d)=${x.start.isCertain('day')} c(m)=${x.start.isCertain('month')} c(wd)=${x.start.isCertain('weekday')} end=${x.end ? `${x.end.get('year')}-${x.end.get('month')}-${x.end.get('day')}` : '-'} tags=${[...x.tags()].join(',')}`).join(' | '));
}
