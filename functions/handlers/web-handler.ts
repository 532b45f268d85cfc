import { allowedOrigins } from '../core/csrf.ts';
import type { FunctionUrlResult } from './http/function-url.ts';
import { createRouter } from './http/router.ts';
import { type ManageRouteDeps, manageRoutes } from './web/manage-routes.ts';
import { type SiteDeps, siteRoutes } from './web/site-routes.ts';

/** Everything the web's use cases need. */
export type WebDeps = SiteDeps & ManageRouteDeps;

/**
 * Builds the web entry point (signup, confirm, unsubscribe, manage) over the
 * given dependencies. The Lambda wires it with AWS clients, the local stack
 * with the emulators; the code path is the same.
 */
export function createWebHandler(deps: WebDeps): (event: unknown) => Promise<FunctionUrlResult> {
  return createRouter([...siteRoutes(deps), ...manageRoutes(deps)], {
    siteName: deps.settings.senderName,
    ownOrigins: allowedOrigins(deps.settings.baseUrl),
    keys: deps.settings.keys,
    log: deps.log,
  });
}
