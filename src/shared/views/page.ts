// What every page needs from the request, gathered once so views never read the context themselves.
import type { Config } from "../../config.ts";
import type { CurrentUser } from "../auth/roles.ts";
import type { AppContext } from "../http.ts";

export interface PageContext {
  entity: Config["entity"];
  user: CurrentUser | undefined;
  csrfToken: string;
  flash: string | undefined;
  requestId: string;
  path: string;
}

export function pageContext(c: AppContext): PageContext {
  return {
    entity: c.var.deps.config.entity,
    user: c.var.user,
    csrfToken: c.var.csrfToken ?? "",
    flash: c.var.flash,
    requestId: c.var.requestId,
    path: c.req.path,
  };
}
