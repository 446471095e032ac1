// Who acts in the demo's plans: planeación and control interno (demo accounts) and one responsable de plan
// per dependencia that reports — a person of the roster given the role by the administrator, or, where the
// roster was not loaded, a fictitious colleague registered for it.
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import { createPerson, findPersonByDocument, findRoles, setRoles } from "../core/people/people.service.ts";
import type { Db } from "../db/client.ts";
import { type AuditContext, systemAuditContext } from "../shared/audit.ts";
import type { Role } from "../shared/auth/roles.ts";
import { REPORTING_DEPENDENCIAS, STANDBY_DOCUMENT_BASE, STANDBY_RESPONSABLES } from "./demo.progress.data.ts";
import { findActiveDemoPeople } from "./demo.repository.ts";
import { DEMO_DOCUMENT_PREFIX } from "./demo.roster.ts";
import { actingAs, timeline } from "./demo.story.ts";

export interface Reporter {
  id: string;
  name: string;
  dependenciaId: string;
  dependencia: string;
  audit: AuditContext;
  /** As the report services see the signed-in person. */
  user: { id: string; roles: Role[]; dependenciaId: string };
}

export interface PlanCast {
  planner: AuditContext;
  /** Control interno's demo account; without it no follow-up is told. */
  oci: AuditContext | undefined;
  reporters: Map<string, Reporter>;
  /** Dependencia names by id, for the reporting dependencias. */
  names: Map<string, string>;
}

const ADMIN_DOCUMENT = "9000000008";
const OCI_DOCUMENT = "9000000006";

/**
 * Gives the role responsable_plan to the first active planta person of the roster in each reporting
 * dependencia (any active person where none is planta); where the roster has nobody there, registers a
 * fictitious colleague with the role. Returns who does what.
 */
export async function appointResponsables(db: Db, at: Date, planner: AuditContext): Promise<PlanCast> {
  const admin = await findPersonByDocument(db, ADMIN_DOCUMENT);
  const grantedBy = admin ? actingAs(admin) : systemAuditContext;
  const oci = await findPersonByDocument(db, OCI_DOCUMENT);
  const roster = await findActiveDemoPeople(db, DEMO_DOCUMENT_PREFIX);
  const { ago } = timeline(at);
  const reporters = new Map<string, Reporter>();
  const names = new Map<string, string>();
  for (const [index, name] of REPORTING_DEPENDENCIAS.entries()) {
    const dependencia = await findDependenciaByName(db, name);
    if (!dependencia) continue;
    const mates = roster.filter((p) => p.dependenciaId === dependencia.id);
    let person = mates.find((p) => p.vinculacion === "planta") ?? mates[0];
    if (person) {
      const roles = await findRoles(db, person.id);
      if (!roles.includes("responsable_plan"))
        await setRoles(db, ago(88, 10), grantedBy, person.id, [...roles, "responsable_plan"]);
    } else {
      const [firstNames, lastNames] = STANDBY_RESPONSABLES[index] ?? ["Responsable", name];
      const documentNumber = String(STANDBY_DOCUMENT_BASE + index);
      person =
        (await findPersonByDocument(db, documentNumber)) ??
        (await createPerson(
          db,
          new Date("2022-01-17T15:00:00Z"),
          grantedBy,
          {
            documentType: "CC",
            documentNumber,
            firstNames,
            lastNames,
            email: null,
            dependenciaId: dependencia.id,
            vinculacion: "planta",
            position: "Profesional universitario",
          },
          ["servidor", "responsable_plan"],
        ));
    }
    names.set(dependencia.id, name);
    reporters.set(dependencia.id, {
      id: person.id,
      name: `${person.firstNames} ${person.lastNames}`,
      dependenciaId: dependencia.id,
      dependencia: name,
      audit: actingAs(person),
      user: { id: person.id, roles: ["servidor", "responsable_plan"], dependenciaId: dependencia.id },
    });
  }
  return { planner, oci: oci ? actingAs(oci) : undefined, reporters, names };
}
