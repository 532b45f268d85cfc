import { z } from 'zod';

/** Placeholders a template may use; each is filled at send time (HTML-escaped in the HTML part). */
export const placeholderNames = [
  'firstName',
  'courseTitle',
  'confirmUrl',
  'manageUrl',
  'unsubscribeUrl',
  'postalAddress',
  'senderName',
  // Dynamic values the pacing supplies; empty when they do not apply.
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
] as const;
export type PlaceholderName = (typeof placeholderNames)[number];
export type Placeholders = Partial<Record<PlaceholderName, string>>;

const emailIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, 'email ids are lowercase kebab-case');

/** One email of a course as the author writes it in `templates/<course>/course.json`. */
export const courseEmailSourceSchema = z.object({
  id: emailIdSchema,
  subject: z.string().min(1).max(120),
  /** File stem under the course folder: `<template>.mjml` and `<template>.txt`. */
  template: z.string().regex(/^[a-z0-9-]+$/),
});

/** The course definition file: content and default schedule, data rather than code. */
export const courseSourceSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  title: z.string().min(1).max(80),
  about: z.string().min(1),
  emails: z.array(courseEmailSourceSchema).min(1),
  /** Confirmation email id (sent before the course starts). */
  confirmEmail: emailIdSchema,
  /** The course emails in order; `gapDays` counts from the previous email of the sequence. */
  sequence: z
    .array(
      z.object({
        emailId: emailIdSchema,
        step: z.number().int().min(1).max(9).nullable(),
        gapDays: z.number().int().min(0).max(60),
        /** What a reply to this email should say; nudges repeat it. */
        replyAsk: z.string().min(1).max(200).optional(),
      }),
    )
    .min(1),
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
