// The documents library of the demo: the four source documents the platform was built from (Circular 002 de
// 2026 of SSI, Circular 004 de 2021 of SSI and OCS, the PAAC 2022 and the Política de Planeación Institucional
// 2026), published for everyone as PDFs rendered from their text copies (src/demo/documents); and two
// publication requests (GTI-F-020) of the Secretaría de Educación's liaison: one waiting for SSI, one already
// published on the intranet with internal distribution (its communication request waits for OCS). Loaded
// beside the plans, even when the story is skipped; nothing is written when it is there already.
import { createHash, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { slugFor } from "../comunicaciones/library/library.rules.ts";
import { findLibraryDocumentBySlug, publishDocument } from "../comunicaciones/library/library.service.ts";
import { filePubRequest, publishPubRequest } from "../comunicaciones/publications/publications.service.ts";
import type { Config } from "../config.ts";
import { findPersonByDocument } from "../core/people/people.service.ts";
import type { Storage } from "../core/storage/storage.types.ts";
import type { Database } from "../db/client.ts";
import type { AuditContext } from "../shared/audit.ts";
import type { CurrentUser, Role } from "../shared/auth/roles.ts";
import { type Pdf, pageFooters, type Struct, tagged, taggedPdf } from "../shared/pdf.ts";
import { DEMO_ACCOUNTS } from "./demo.data.ts";

const DOCUMENTS = new URL("./documents/", import.meta.url);
const SSI = "Subsecretaría de Sistemas de Información";
const EDUCACION = "Secretaría de Educación";
const DAY_MS = 86_400_000;

interface SeedDocument {
  file: string;
  docType: "circular" | "plan";
  number: string;
  issuedOn: string;
  issuingOffice: string;
  title: string;
  subject: string;
  section: string;
}

export const DEMO_DOCUMENTS: SeedDocument[] = [
  {
    file: "circular-002-2026.txt",
    docType: "circular",
    number: "002",
    issuedOn: "2026-01-27",
    issuingOffice: SSI,
    title: "Información de personal desvinculado, que continúa y nuevo en prestación de servicios",
    subject:
      "Pide a cada dependencia, hasta el 20 de febrero de 2026, las listas que mantienen al día la plataforma de carnetización, y explica el procedimiento para el personal que ya está en ella.",
    section: "Circulares 2026",
  },
  {
    file: "circular-004-2021.txt",
    docType: "circular",
    number: "004",
    issuedOn: "2021-04-21",
    issuingOffice: `${SSI} y Oficina de Comunicación Social`,
    title: "Uso de correos electrónicos institucionales y comunicaciones internas",
    subject:
      "Las comunicaciones masivas a los servidores van por la Oficina de Comunicación Social (formato COM_F_004); los avisos de interés particular, uno a uno; las publicaciones se piden a Sistemas con el formato GTI-F-020.",
    section: "Circulares 2021",
  },
  {
    file: "paac-2022.txt",
    docType: "plan",
    number: "PAAC",
    issuedOn: "2022-01-31",
    issuingOffice: "Oficina de Planeación de Gestión Institucional",
    title: "Plan Anticorrupción y de Atención al Ciudadano (PAAC) 2022",
    subject:
      "Gestión de riesgos de corrupción, racionalización de trámites, rendición de cuentas, transparencia y acceso a la información, y atención al ciudadano.",
    section: "Planes institucionales",
  },
  {
    file: "politica-planeacion-2026.txt",
    docType: "plan",
    number: "PPI",
    issuedOn: "2026-01-30",
    issuingOffice: "Oficina de Planeación de Gestión Institucional",
    title: "Política de Planeación Institucional 2026",
    subject:
      "Lineamientos de la planeación institucional en el Modelo Integrado de Planeación y Gestión (MIPG), con su matriz operativa 2026.",
    section: "Planes institucionales",
  },
];

const slugOf = (d: SeedDocument) => slugFor(d.docType, d.number, Number(d.issuedOn.slice(0, 4)));

/** A tagged PDF of a text copy: its title as H1, then each non-empty line as a paragraph. */
export async function documentPdf(title: string, author: string, text: string, date: Date): Promise<Buffer> {
  const margin = 48;
  const { pdf, root, bytes } = taggedPdf({ margin, title, author, subject: title, date });
  const paragraph = (p: Pdf, parent: Struct, line: string) =>
    tagged(p, parent, "P", () =>
      p.font("Regular").fontSize(10).fillColor("#1f1f1f").text(line, { paragraphGap: 4 }),
    );
  tagged(pdf, root, "H1", () => pdf.font("Bold").fontSize(16).fillColor("#004884").text(title));
  pdf.moveDown(0.5);
  for (const line of text.split(/\r?\n/)) {
    const clean = line.replace(/\t+/g, " · ").replace(/[*#]+/g, "").trim();
    if (clean) paragraph(pdf, root, clean);
  }
  root.end();
  pageFooters(pdf, margin, "#4d4d4d", title);
  pdf.end();
  return bytes;
}

export interface DemoLibraryLoaded {
  documents: number;
  publicationRequests: number;
}

const userOf = (id: string, dependenciaId: string | null, roles: Role[]): CurrentUser => ({
  id,
  sessionId: "",
  firstNames: "",
  lastNames: "",
  dependenciaId,
  roles,
  mustChangePassword: false,
  privacyPending: false,
});

/** Loads what is missing of the demo library (documents by their address; the requests once). */
export async function loadDemoLibrary(
  database: Database,
  storage: Storage,
  config: Config,
  at: Date,
): Promise<DemoLibraryLoaded> {
  const db = database.db;
  const ssiAccount = DEMO_ACCOUNTS.find((a) => a.role === "operador_ssi");
  const liaisonAccount = DEMO_ACCOUNTS.find((a) => a.role === "enlace" && a.dependencia === EDUCACION);
  const ssi = ssiAccount && (await findPersonByDocument(db, ssiAccount.documentNumber));
  const audit: AuditContext = { actorId: ssi?.id ?? null, ip: null, requestId: null };
  let documents = 0;
  for (const seed of DEMO_DOCUMENTS) {
    if (await findLibraryDocumentBySlug(db, slugOf(seed))) continue;
    const date = new Date(`${seed.issuedOn}T15:00:00Z`);
    const text = await readFile(new URL(seed.file, DOCUMENTS), "utf8");
    const bytes = await documentPdf(seed.title, config.entity.name, text, date);
    const storageKey = `comunicaciones/documentos/${randomUUID()}.pdf`;
    await storage.put(storageKey, bytes, { contentType: "application/pdf" });
    await db.transaction((tx) =>
      publishDocument(tx, date, audit, {
        ...seed,
        issuingDependenciaId: null,
        visibility: "publico",
        file: {
          fileName: `${slugOf(seed)}.pdf`,
          contentType: "application/pdf",
          size: bytes.length,
          sha256: createHash("sha256").update(bytes).digest("hex"),
          storageKey,
        },
      }),
    );
    documents++;
  }
  const liaison = liaisonAccount && (await findPersonByDocument(db, liaisonAccount.documentNumber));
  if (!ssi || !liaison || (await findLibraryDocumentBySlug(db, "circular-005-2026")))
    return { documents, publicationRequests: 0 };
  const asLiaison = userOf(liaison.id, liaison.dependenciaId, ["servidor", "enlace"]);
  const liaisonAudit: AuditContext = { actorId: liaison.id, ip: null, requestId: null };
  const depsAt = (when: Date) => ({ database, storage, config, clock: { now: () => when } });
  const file = async (when: Date, form: Parameters<typeof filePubRequest>[3], text: string) => {
    const bytes = await documentPdf(form.title, config.entity.name, text, when);
    const outcome = await filePubRequest(depsAt(when), liaisonAudit, asLiaison, form, {
      fileName: `circular-${form.docNumber}-2026.pdf`,
      bytes,
    });
    if (!outcome.ok) throw new Error(`demo publication request refused: ${JSON.stringify(outcome.errors)}`);
    return outcome.request;
  };
  const filedAt = new Date(at.getTime() - 9 * DAY_MS);
  const published = await file(
    filedAt,
    {
      docType: "circular",
      docNumber: "005",
      docDate: "2026-02-02",
      issuingOffice: EDUCACION,
      title: "Jornada de actualización de datos del personal docente",
      summary:
        "Los docentes y directivos docentes actualizan sus datos de contacto y de formación en la plataforma institucional hasta el 27 de febrero.",
      target: "intranet",
      section: "Circulares 2026",
      internalDistribution: true,
    },
    "Pasto, 2 de febrero de 2026\n\nCIRCULAR No. 005\n\nPARA: DOCENTES Y DIRECTIVOS DOCENTES\n\nASUNTO: JORNADA DE ACTUALIZACIÓN DE DATOS\n\nSe invita a todo el personal docente a actualizar sus datos de contacto y de formación en la plataforma institucional hasta el 27 de febrero de 2026.",
  );
  await publishPubRequest(
    depsAt(new Date(filedAt.getTime() + DAY_MS)),
    audit,
    userOf(ssi.id, ssi.dependenciaId, ["servidor", "operador_ssi"]),
    published.id,
    undefined,
  );
  await file(
    new Date(at.getTime() - 2 * DAY_MS),
    {
      docType: "circular",
      docNumber: "006",
      docDate: "2026-02-10",
      issuingOffice: EDUCACION,
      title: "Calendario académico 2026 de las instituciones educativas municipales",
      summary:
        "Fechas de inicio y fin de los periodos académicos, semanas de receso y jornadas pedagógicas de 2026.",
      target: "ambos",
      section: "Circulares 2026",
      internalDistribution: false,
    },
    "Pasto, 10 de febrero de 2026\n\nCIRCULAR No. 006\n\nPARA: RECTORES DE LAS INSTITUCIONES EDUCATIVAS MUNICIPALES\n\nASUNTO: CALENDARIO ACADÉMICO 2026\n\nSe comunica el calendario académico de 2026: periodos, semanas de receso y jornadas pedagógicas.",
  );
  return { documents, publicationRequests: 2 };
}
