// `npm run sipap -- <command>`: operations for the IT office.
import { writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { sizeCheck } from "../carnetizacion/photos/photos.checks.ts";
import { MAX_PHOTO_BYTES } from "../carnetizacion/photos/photos.rules.ts";
import { checkPhoto } from "../carnetizacion/photos/photos.service.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { enrollPerson, issueInitialCredential } from "../core/auth/auth.credentials.ts";
import { findDependenciaByName } from "../core/dependencias/dependencias.service.ts";
import { newPersonSchema } from "../core/people/people.schemas.ts";
import { findPersonByDocument, normalizeDocumentNumber } from "../core/people/people.service.ts";
import { describeStorage, openStorage } from "../core/storage/storage.open.ts";
import {
  BackupFormatError,
  BackupStorageError,
  type BackupSummary,
  backupDatabase,
  restoreDatabase,
} from "../db/backup.ts";
import { openConfiguredDatabase, StartupError } from "../db/open.ts";
import { formatDemoCredentials, loadDemoData, seedDependencias } from "../demo/demo.service.ts";
import { systemAuditContext } from "../shared/audit.ts";
import { AppError } from "../shared/errors.ts";
import { createLogger } from "../shared/logger.ts";
import { formatDateTime, systemClock } from "../shared/time.ts";
import { countOf, formatNumber } from "../shared/words.ts";
import { checkPlanImportArgs, importPlanFile, PlanImportUsageError } from "./plans.ts";

const USAGE = `Uso: npm run sipap -- <comando> [opciones]

Comandos:
  admin:create --doc <número> --name "<nombres y apellidos>" [--dependencia "<nombre>"]
                         crea una persona con rol de administrador e imprime su credencial inicial
  credential:reset --doc <número>
                         genera una nueva credencial inicial (la anterior, la contraseña y las sesiones dejan de servir)
  photo:check <archivo>...
                         revisa fotos tomadas en la oficina: una línea JSON por archivo
  db:migrate             aplica las migraciones pendientes
  db:backup <archivo>    guarda en un solo archivo una copia de seguridad de toda la base de datos y de
                         los archivos guardados (fotos, PDF de lotes, listas)
  db:restore <archivo>   reemplaza todos los datos por los de una copia de seguridad y devuelve sus
                         archivos al almacenamiento configurado (STORAGE_URL)
  plans:import <archivo.xlsx> --type paac|matriz [--year AAAA] [--dry-run] --json
                         lee el archivo de un plan e imprime un documento JSON (conteos, problemas, responsables
                         por conciliar y el árbol); sin --dry-run lo carga en el plan de ese tipo y vigencia (lo
                         crea en borrador si falta) y lo aplica si no queda nada por corregir ni conciliar
  demo:load              carga los datos de demostración que falten (dependencias, una cuenta por rol y una
                         campaña con unas 300 personas ficticias y sus carnets; no repite lo que ya está)
`;

class UsageError extends Error {}

function splitName(full: string): { firstNames: string; lastNames: string } {
  const words = full.trim().split(/\s+/);
  if (words.length < 2)
    throw new UsageError('Escriba nombres y apellidos en --name, por ejemplo --name "Ana Rosero".');
  const cut = words.length >= 4 ? 2 : 1;
  return { firstNames: words.slice(0, cut).join(" "), lastNames: words.slice(cut).join(" ") };
}

/** One file's verdict; a missing or unreadable file is a failed check, never a crash. */
async function checkPhotoFile(file: string) {
  try {
    const size = (await stat(file)).size;
    if (size > MAX_PHOTO_BYTES) return { file, ok: false, checks: [sizeCheck(size)] };
    const { checks, passed } = await checkPhoto(await readFile(file));
    return { file, ok: passed, checks };
  } catch (error) {
    const message = `No se pudo leer el archivo (${(error as NodeJS.ErrnoException).code ?? "error"}).`;
    return { file, ok: false, checks: [{ id: "legible", ok: false, value: null, message }] };
  }
}

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      doc: { type: "string" },
      name: { type: "string" },
      dependencia: { type: "string" },
      type: { type: "string" },
      year: { type: "string" },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || command === "help") {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  if (command === "photo:check") {
    if (rest.length === 0)
      throw new UsageError("Indique al menos un archivo: npm run sipap -- photo:check <archivo>...");
    let allOk = true;
    for (const file of rest) {
      const result = await checkPhotoFile(file);
      allOk &&= result.ok;
      console.log(JSON.stringify(result));
    }
    return allOk ? 0 : 1;
  }
  const known = [
    "admin:create",
    "credential:reset",
    "db:migrate",
    "db:backup",
    "db:restore",
    "demo:load",
    "plans:import",
  ];
  if (!known.includes(command)) throw new UsageError(`Comando desconocido: ${command}.\n\n${USAGE}`);
  if ((command === "db:backup" || command === "db:restore") && !rest[0])
    throw new UsageError(`Indique el archivo: npm run sipap -- ${command} <archivo>`);
  if ((command === "admin:create" || command === "credential:reset") && !values.doc)
    throw new UsageError(`Indique el número de documento con --doc.`);
  const planOptions = { type: values.type, year: values.year, dryRun: values["dry-run"] };
  const planShape = command === "plans:import" ? checkPlanImportArgs(rest[0], planOptions) : undefined;

  const config = loadConfig();
  const { database, release } = await openConfiguredDatabase(config, createLogger("silent"));
  const db = database.db;
  const now = systemClock.now();
  const storage = openStorage(config.storage);
  try {
    await database.migrate();
    switch (command) {
      case "db:migrate":
        console.log("La base de datos está al día.");
        return 0;
      case "admin:create": {
        const dependenciaName = values.dependencia ?? "Subsecretaría de Sistemas de Información";
        let dependencia = await findDependenciaByName(db, dependenciaName);
        if (!dependencia && !values.dependencia) {
          await seedDependencias(db, now, systemAuditContext);
          dependencia = await findDependenciaByName(db, dependenciaName);
        }
        if (!dependencia) throw new UsageError(`No existe la dependencia «${dependenciaName}».`);
        const parsed = newPersonSchema.safeParse({
          documentType: "CC",
          documentNumber: values.doc,
          ...splitName(values.name ?? ""),
          email: "",
          dependenciaId: dependencia.id,
        });
        if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join("\n"));
        const enrolled = await enrollPerson(db, now, systemAuditContext, config, parsed.data, [
          "servidor",
          "administrador",
        ]);
        console.log(`Administrador creado: ${enrolled.person.firstNames} ${enrolled.person.lastNames}.`);
        console.log(`Credencial inicial (un solo uso): ${enrolled.credential}`);
        console.log(`Vence: ${formatDateTime(enrolled.expiresAt)} (hora de Colombia).`);
        return 0;
      }
      case "credential:reset": {
        const person = await findPersonByDocument(db, normalizeDocumentNumber(values.doc ?? ""));
        if (!person) throw new UsageError("No hay ninguna persona con ese número de documento.");
        const issued = await issueInitialCredential(db, now, systemAuditContext, config, person.id);
        console.log(
          `Nueva credencial inicial de ${person.firstNames} ${person.lastNames}: ${issued.credential}`,
        );
        console.log(`Vence: ${formatDateTime(issued.expiresAt)} (hora de Colombia).`);
        return 0;
      }
      case "db:backup": {
        const file = path.resolve(rest[0] ?? "");
        const summary = await backupDatabase(db, storage, file, now);
        console.log(
          `Copia de seguridad guardada en ${file}, con los archivos de ${describeStorage(config.storage)}.`,
        );
        console.log(formatSummary(summary));
        if (summary.skippedFiles > 0)
          console.log(
            `Se omitieron ${countOf(summary.skippedFiles, "archivo", "archivos")} con nombres no válidos en el almacenamiento.`,
          );
        return 0;
      }
      case "db:restore": {
        const file = path.resolve(rest[0] ?? "");
        const summary = await restoreDatabase(db, storage, file);
        console.log(
          `Datos restaurados desde ${file}; archivos devueltos a ${describeStorage(config.storage)}.`,
        );
        console.log(formatSummary(summary));
        return 0;
      }
      case "plans:import": {
        const { document, code } = await importPlanFile(
          { database, storage, clock: systemClock },
          path.resolve(rest[0] ?? ""),
          planShape ?? "paac",
          planOptions,
        );
        // stdout carries the JSON document alone; the exit code says whether the file was refused.
        await new Promise((done) => process.stdout.write(`${JSON.stringify(document)}\n`, done));
        return code;
      }
      case "demo:load": {
        const demo = await loadDemoData(database, now, systemAuditContext, config, storage);
        if (demo.story)
          console.log(
            `Demostración cargada: ${countOf(demo.story.people, "persona ficticia", "personas ficticias")} con sus carnets, en ${formatNumber(demo.story.ms / 1000, 1)} s.`,
          );
        if (demo.storySkipped)
          console.log(
            `Solo se cargaron las cuentas de demostración, sin personas ni carnets. ${demo.storySkipped}`,
          );
        if (demo.credentials.length === 0) {
          if (!demo.story && !demo.storySkipped)
            console.log("Los datos de demostración ya estaban cargados.");
          return 0;
        }
        const text = formatDemoCredentials(demo.credentials, config.publicBaseUrl);
        const file = path.join(config.dataDir, "demo-accounts.txt");
        writeFileSync(file, text, { mode: 0o600 });
        console.log(`${text}\n(Esta lista quedó también en ${file})`);
        return 0;
      }
    }
    return 1;
  } finally {
    await storage.close();
    await release();
  }
}

function formatSummary(summary: BackupSummary): string {
  const rows = Object.entries(summary.tables).map(([t, n]) => `  ${t}: ${n} filas`);
  const megabytes = formatNumber(summary.files.bytes / 1_048_576, 1);
  return [...rows, `  archivos: ${summary.files.count} (${megabytes} MB)`].join("\n");
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    if (
      error instanceof UsageError ||
      error instanceof PlanImportUsageError ||
      error instanceof ConfigError ||
      error instanceof BackupFormatError ||
      error instanceof BackupStorageError
    ) {
      console.error(error.message);
      process.exit(2);
    }
    if (error instanceof StartupError) {
      console.error(error.message);
      process.exit(error.exitCode);
    }
    if (error instanceof AppError) {
      console.error(error.userMessage);
      process.exit(2);
    }
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      console.error(`No existe el archivo: ${(error as NodeJS.ErrnoException).path}`);
      process.exit(2);
    }
    console.error("El comando falló:", (error as Error).message);
    process.exit(1);
  },
);
