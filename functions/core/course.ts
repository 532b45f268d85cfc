import * as z from './zod.ts';

/** Placeholders every email can fill from the subscriber, the course and the sender. */
const fixedPlaceholderNames = [
  'firstName',
  'courseTitle',
  'confirmUrl',
  'manageUrl',
  'unsubscribeUrl',
  'postalAddress',
  'senderName',
] as const;

/** Values the pacing supplies per email; empty when they do not apply. */
export const dynamicPlaceholderNames = [
  'ackText',
  'nextText',
  'lessonTitle',
  'replyAsk',
  'followUpText',
  'tallyText',
  'untilText',
  'paceText',
  'whyQuote',
  'peopleQuote',
  'openingText',
  'encouragement',
] as const;

/** Placeholders a template may use; each is filled at send time (HTML-escaped in the HTML part). */
export const placeholderNames = [...fixedPlaceholderNames, ...dynamicPlaceholderNames] as const;
export type PlaceholderName = (typeof placeholderNames)[number];
export type Placeholders = Partial<Record<PlaceholderName, string>>;

const emailIdSchema = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9-]{0,39}$/, 'email ids are lowercase kebab-case'));

/** One email of a course as the author writes it in `templates/<course>/course.json`. */
export const courseEmailSourceSchema = z.object({
  id: emailIdSchema,
  subject: z.string().check(z.minLength(1), z.maxLength(120)),
  /**
   * File stem of `<template>.mjml` and `<template>.txt`: under the course
   * folder, or `shared/<name>` for an email every course may use, under the
   * templates folder's `shared/`.
   */
  template: z.string().check(z.regex(/^(shared\/)?[a-z0-9-]+$/)),
});

/** The course definition file: content and default schedule, data rather than code. */
export const courseSourceSchema = z.object({
  id: z.string().check(z.regex(/^[a-z][a-z0-9-]{0,39}$/)),
  title: z.string().check(z.minLength(1), z.maxLength(80)),
  about: z.string().check(z.minLength(1)),
  emails: z.array(courseEmailSourceSchema).check(z.minLength(1)),
  /** Confirmation email id (sent before the course starts). */
  confirmEmail: emailIdSchema,
  /** The course emails in order; `gapDays` counts from the previous email of the sequence. */
  sequence: z
    .array(
      z.object({
        emailId: emailIdSchema,
        step: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(9))),
        gapDays: z.number().check(z.int(), z.minimum(0), z.maximum(60)),
        /** What a reply to this email should say; nudges repeat it. */
        replyAsk: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
      }),
    )
    .check(z.minLength(1)),
});
export type CourseSource = z.infer<typeof courseSourceSchema>;

/** An email after the build: precompiled HTML and text with `{{placeholder}}` slots. */
export interface CompiledEmail {
  id: string;
  subject: string;
  html: string;
  text: string;
}

/** A course after the build, as the runtime sees it. No MJML is involved from here on. */
export interface CompiledCourse {
  id: string;
  title: string;
  about: string;
  confirmEmail: string;
  sequence: CourseSource['sequence'];
  emails: Record<string, CompiledEmail>;
}
