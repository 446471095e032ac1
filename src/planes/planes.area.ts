// Plugs planes into core's extension points: its words in the audit log. Called once from src/areas.ts
// (docs/ARCHITECTURE.md, "Areas and core").
import { registerAuditVocabulary } from "../core/audit/audit.service.ts";
import { PLANES_VOCABULARY } from "./planes.audit.ts";

export function installPlanes(): void {
  registerAuditVocabulary(PLANES_VOCABULARY);
}
