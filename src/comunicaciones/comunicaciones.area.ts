// Plugs comunicaciones into core's extension points: its words in the audit log.
// Called once from src/areas.ts (docs/ARCHITECTURE.md, "Areas and core").
import { registerAuditSubjects, registerAuditVocabulary } from "../core/audit/audit.service.ts";
import { COMUNICACIONES_VOCABULARY, publicationsAuditSubjects } from "./comunicaciones.audit.ts";

export function installComunicaciones(): void {
  registerAuditVocabulary(COMUNICACIONES_VOCABULARY);
  registerAuditSubjects(publicationsAuditSubjects);
}
