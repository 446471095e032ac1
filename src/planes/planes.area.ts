// Plugs planes into core's extension points: its words in the audit log and the names of its plans there.
// Called once from src/areas.ts (docs/ARCHITECTURE.md, "Areas and core").
import { registerAuditSubjects, registerAuditVocabulary } from "../core/audit/audit.service.ts";
import { PLANES_VOCABULARY, planesAuditSubjects } from "./planes.audit.ts";

export function installPlanes(): void {
  registerAuditVocabulary(PLANES_VOCABULARY);
  registerAuditSubjects(planesAuditSubjects);
}
