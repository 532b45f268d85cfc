import { loadConfig } from '../config.ts';
import { compiledCourses } from '../generated/templates.ts';
import { createDeps, loadSigningKeys } from '../wiring.ts';
import { createTickHandler } from './tick-handler.ts';

const config = loadConfig(process.env);
const deps = createDeps(config, await loadSigningKeys(config), compiledCourses);

/** EventBridge-scheduled entry point: sends whatever is due. */
export const handler = createTickHandler(deps);
