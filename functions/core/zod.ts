/**
 * zod for the code that runs in Lambda: zod 4's functional "mini" API, which
 * esbuild shrinks to the schemas and checks a bundle uses (about a third of
 * the classic API), with the English messages classic zod would load itself.
 * Import it as `import * as z from './zod.ts'`; the bundler refuses classic
 * 'zod' in a function bundle.
 */
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
/** What `parse` throws; classic zod's ZodError passes `instanceof` too. */
export { $ZodError as ZodError } from 'zod/v4/core';
