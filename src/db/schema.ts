// Every table of SIPAP, for Drizzle and drizzle-kit. Modules own their tables; this file only gathers them.

export { initialCredentials, loginThrottle, passwords, sessions } from "../modules/auth/auth.table.ts";
export { dependencias } from "../modules/dependencias/dependencias.table.ts";
export { people, personRoles } from "../modules/people/people.table.ts";
export { auditLog } from "../shared/audit.table.ts";

/** Tables in foreign-key order, for backup and restore. */
export const tablesInDependencyOrder = [
  "dependencias",
  "people",
  "person_roles",
  "passwords",
  "initial_credentials",
  "sessions",
  "login_throttle",
  "audit_log",
] as const;
