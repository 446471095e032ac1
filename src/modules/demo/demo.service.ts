// Demo data: the dependencias tree and one account per role, each with its own one-time credential.
import type { Db } from "../../db/client.ts";
import { type AuditContext, recordAudit } from "../../shared/audit.ts";
import { ROLE_LABELS, type Role } from "../../shared/auth/roles.ts";
import { formatDateTime } from "../../shared/time.ts";
import { type CredentialSettings, enrollPerson } from "../auth/auth.service.ts";
import { createDependencia, findDependenciaByName } from "../dependencias/dependencias.service.ts";
import { findPersonByDocument } from "../people/people.service.ts";
import { DEMO_ACCOUNTS, DEPENDENCIAS_TREE, type SeedDependencia } from "./demo.data.ts";

export interface DemoCredential {
  role: Role;
  documentNumber: string;
  name: string;
  credential: string;
  expiresAt: Date;
}

/** Creates the dependencias tree where missing; returns how many were created. */
export async function seedDependencias(db: Db, at: Date, audit: AuditContext): Promise<number> {
  let created = 0;
  const visit = async (items: SeedDependencia[], parentId: string | null) => {
    for (const [index, item] of items.entries()) {
      let existing = await findDependenciaByName(db, item.name);
      if (!existing) {
        const result = await createDependencia(db, at, audit, {
          name: item.name,
          acronym: item.acronym ?? null,
          parentId,
          sortOrder: index * 10,
          active: true,
        });
        if (!("id" in result)) throw new Error(`demo dependencia refused: ${result.message}`);
        existing = result;
        created++;
      }
      if (item.children) await visit(item.children, existing.id);
    }
  };
  await visit(DEPENDENCIAS_TREE, null);
  return created;
}

/** Loads what is missing of the demo data; credentials are returned only for accounts created now. */
export async function loadDemoData(db: Db, at: Date, audit: AuditContext, settings: CredentialSettings) {
  await recordAudit(db, at, audit, { action: "demo.loaded" });
  const dependencias = await seedDependencias(db, at, audit);
  const credentials: DemoCredential[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await findPersonByDocument(db, account.documentNumber)) continue;
    const dependencia = await findDependenciaByName(db, account.dependencia);
    const roles: Role[] = account.role === "servidor" ? ["servidor"] : ["servidor", account.role];
    const enrolled = await enrollPerson(
      db,
      at,
      audit,
      settings,
      {
        documentType: "CC",
        documentNumber: account.documentNumber,
        firstNames: account.firstNames,
        lastNames: account.lastNames,
        email: null,
        dependenciaId: dependencia?.id ?? "",
      },
      roles,
    );
    credentials.push({
      role: account.role,
      documentNumber: account.documentNumber,
      name: `${account.firstNames} ${account.lastNames}`,
      credential: enrolled.credential,
      expiresAt: enrolled.expiresAt,
    });
  }
  return { dependencias, credentials };
}

/** The text printed on the console and written to DATA_DIR/demo-accounts.txt. */
export function formatDemoCredentials(credentials: DemoCredential[], baseUrl: string): string {
  const lines = [
    "Cuentas de demostración de SIPAP (una por rol).",
    `Ingrese en ${baseUrl}/ingresar con el número de documento y la credencial inicial;`,
    "cada credencial sirve una sola vez y SIPAP pide crear una contraseña nueva al entrar.",
    "",
    ...credentials.map(
      (c) =>
        `${ROLE_LABELS[c.role].padEnd(24)} documento ${c.documentNumber}  credencial ${c.credential}  (vence ${formatDateTime(c.expiresAt)})`,
    ),
    "",
    "Para una credencial nueva: npm run sipap -- credential:reset --doc <número>",
  ];
  return `${lines.join("\n")}\n`;
}
