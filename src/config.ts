// The only place that reads process.env. Every setting is documented here and in the README.
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", "si", "sí"])
  .transform((v) => ["true", "1", "yes", "si", "sí"].includes(v));

const settings = {
  PORT: {
    doc: "Puerto HTTP en el que escucha SIPAP.",
    schema: z.coerce.number().int().min(1).max(65535).default(3000),
  },
  HOST: {
    doc: "Dirección en la que escucha (0.0.0.0 para aceptar conexiones de otros equipos).",
    schema: z.string().min(1).default("127.0.0.1"),
  },
  DATA_DIR: {
    doc: "Carpeta de datos: base de datos embebida, archivos y cuentas de demostración.",
    schema: z.string().min(1).default("./data"),
  },
  STORAGE_URL: {
    doc: "Dónde se guardan los archivos (fotos, PDF de lotes, listas). Sin ella, en la carpeta DATA_DIR/files. Para un almacenamiento compatible con S3: s3://balde/prefijo?endpoint=https://servidor:9000&region=us-east-1 (con endpoint se usa la dirección por ruta, como piden MinIO y similares); las credenciales se toman de AWS_ACCESS_KEY_ID y AWS_SECRET_ACCESS_KEY. También acepta file:///ruta/a/una/carpeta.",
    schema: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        const problem = value === undefined ? undefined : storageUrlProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  },
  EVIDENCE_MAX_FILE_MB: {
    doc: "Tamaño máximo, en megabytes, de cada archivo de evidencia de un reporte de avance o de una medición de indicador, y de cada documento que se publica (GTI-F-020 y la biblioteca de documentos).",
    schema: z.coerce.number().int().min(1).max(500).default(20),
  },
  EVIDENCE_MAX_REPORT_MB: {
    doc: "Tamaño máximo, en megabytes, del total de evidencias de un reporte de avance o de una medición.",
    schema: z.coerce.number().int().min(1).max(5000).default(100),
  },
  PHOTO_ORIGINAL_RETENTION_DAYS: {
    doc: "Días que se conserva el original de una foto rechazada antes de borrarlo (el recorte de la foto queda como constancia del rechazo). Lo anuncia la política de tratamiento de datos.",
    schema: z.coerce.number().int().min(1).max(3650).default(30),
  },
  DATABASE_URL: {
    doc: "URL de PostgreSQL (postgres://usuario:clave@servidor:5432/base). Sin ella se usa la base embebida (PGlite) en DATA_DIR.",
    schema: z.string().url().optional(),
  },
  PUBLIC_BASE_URL: {
    doc: "Dirección pública de SIPAP, usada en enlaces y códigos QR (por defecto http://localhost:PORT).",
    schema: z.string().url().optional(),
  },
  TRUST_PROXY: {
    doc: "true si SIPAP está detrás de un proxy HTTPS que envía X-Forwarded-For y X-Forwarded-Proto.",
    schema: bool.default(false),
  },
  TRUST_PROXY_HOPS: {
    doc: "Con TRUST_PROXY=true, cuántos proxies suyos hay delante de SIPAP (por defecto 1). SIPAP toma la dirección del cliente de X-Forwarded-For en esa posición contando desde la derecha, porque lo que está más a la izquierda lo puede escribir el propio cliente. Con 0 no usa X-Forwarded-For.",
    schema: z.coerce.number().int().min(0).max(10).optional(),
  },
  LOG_LEVEL: {
    doc: "Nivel de registro: fatal, error, warn, info, debug o silent.",
    schema: z.enum(["fatal", "error", "warn", "info", "debug", "silent"]).default("info"),
  },
  SESSION_IDLE_MINUTES: {
    doc: "Minutos sin actividad tras los que se cierra la sesión.",
    schema: z.coerce.number().int().min(1).default(30),
  },
  SESSION_ABSOLUTE_HOURS: {
    doc: "Horas máximas de una sesión aunque tenga actividad.",
    schema: z.coerce.number().int().min(1).default(12),
  },
  INITIAL_CREDENTIAL_HOURS: {
    doc: "Horas de validez de una credencial inicial antes de que expire.",
    schema: z.coerce.number().int().min(1).default(72),
  },
  SMTP_URL: {
    doc: "Servidor de correo (smtp://usuario:clave@servidor:587). Sin él, los correos quedan en la bandeja de salida que los administradores leen en SIPAP.",
    schema: z.string().url().optional(),
  },
  MAIL_FROM: {
    doc: "Remitente institucional de los correos (por defecto intranet@ENTITY_EMAIL_DOMAIN).",
    schema: z.string().min(3).optional(),
  },
  CARD_VALID_UNTIL_PLANTA: {
    doc: "Fecha hasta la que valen los carnets de servidores de planta (AAAA-MM-DD). Sin ella, el 31 de diciembre del año en que se imprime. Los de contratistas valen hasta el fin del contrato.",
    schema: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  },
  VERIFY_SHOW_PHOTO: {
    doc: "true para mostrar una foto pequeña en la página pública de verificación del carnet, para comparar con el portador.",
    schema: bool.default(true),
  },
  VERIFY_RATE_LIMIT: {
    doc: "Consultas por minuto que una misma dirección puede hacer en la verificación pública de carnets.",
    schema: z.coerce.number().int().min(1).default(30),
  },
  ENTITY_NAME: { doc: "Nombre de la entidad.", schema: z.string().min(1).default("Alcaldía de Pasto") },
  ENTITY_NIT: { doc: "NIT de la entidad.", schema: z.string().min(1).default("891280000-3") },
  ENTITY_ADDRESS: {
    doc: "Dirección física de la entidad.",
    schema: z.string().min(1).default("CAM Anganoy – Los Rosales II, Pasto, Nariño"),
  },
  ENTITY_PHONE: {
    doc: "Teléfono de la entidad.",
    schema: z.string().min(1).default("+57 (602) 7244326 ext. 1301"),
  },
  ENTITY_SUPPORT_EMAIL: {
    doc: "Correo de soporte de la oficina de sistemas.",
    schema: z.string().email().default("soportesistemas@pasto.gov.co"),
  },
  ENTITY_SUPPORT_PHONE: {
    doc: "Extensiones de soporte.",
    schema: z.string().min(1).default("ext. 1301–1303"),
  },
  ENTITY_HOURS: {
    doc: "Horario de atención.",
    schema: z.string().min(1).default("Lunes a viernes, 8:00 a. m. a 12:00 m. y 2:00 p. m. a 6:00 p. m."),
  },
  ENTITY_EMAIL_DOMAIN: {
    doc: "Dominio del correo institucional.",
    schema: z.string().min(1).default("pasto.gov.co"),
  },
  ENTITY_WEBSITE: {
    doc: "Sitio web de la entidad.",
    schema: z.string().url().default("https://www.pasto.gov.co"),
  },
  COMM_ALLOWED_DOMAINS: {
    doc: "Dominios de correo (separados por comas) a los que Comunicaciones envía; cualquier otra dirección se descarta (por defecto ENTITY_EMAIL_DOMAIN).",
    schema: z
      .string()
      .regex(/^\s*[a-z0-9.-]+\.[a-z]{2,}\s*(,\s*[a-z0-9.-]+\.[a-z]{2,}\s*)*$/i, {
        message: "escriba dominios separados por comas, por ejemplo pasto.gov.co,educacion.pasto.gov.co",
      })
      .optional(),
  },
  COMM_MAX_FILE_MB: {
    doc: "Tamaño máximo, en megabytes, de cada archivo adjunto a una solicitud de comunicación.",
    schema: z.coerce.number().int().min(1).max(100).default(5),
  },
  COMM_MAX_UPLOAD_MB: {
    doc: "Tamaño máximo, en megabytes, de todo lo que se envía en un formulario de comunicaciones (adjuntos y lista).",
    schema: z.coerce.number().int().min(1).max(500).default(12),
  },
  COMM_MAX_MAILED_MB: {
    doc: "Tamaño máximo, en megabytes, de todos los adjuntos que viajan con el mensaje de una comunicación, sumados.",
    schema: z.coerce.number().int().min(1).max(50).default(5),
  },
  COMM_MAX_LIST_ENTRIES: {
    doc: "Máximo de direcciones de una lista pegada o cargada como destinatarios de una comunicación.",
    schema: z.coerce.number().int().min(1).max(100000).default(10000),
  },
  COMM_FROM: {
    doc: "Remitente de los mensajes masivos de Comunicaciones (por defecto MAIL_FROM, o intranet@ENTITY_EMAIL_DOMAIN).",
    schema: z.string().min(3).optional(),
  },
  COMM_SMTP_CONNECTIONS: {
    doc: "Conexiones SMTP simultáneas con las que Comunicaciones envía un mensaje masivo.",
    schema: z.coerce.number().int().min(1).max(32).default(4),
  },
  COMM_SEND_GAP_MINUTES: {
    doc: "Minutos que deben separar dos envíos masivos programados (uno a la vez, para no saturar el correo).",
    schema: z.coerce.number().int().min(0).max(1440).default(30),
  },
} satisfies Record<string, { doc: string; schema: z.ZodType }>;

type Settings = typeof settings;
export type Env = { [K in keyof Settings]: z.output<Settings[K]["schema"]> };

/** Where files go: a local directory, or a bucket (and key prefix) on an S3-compatible server. */
export type StorageSettings =
  | { kind: "local"; dir: string }
  | { kind: "s3"; bucket: string; prefix: string; endpoint?: string; region: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  storage: StorageSettings;
  /** Days an original of a rejected photo is kept before the retention job deletes it. */
  photoOriginalRetentionDays: number;
  /** Evidence limits in bytes: each file, and all the files of one report or measurement. */
  evidence: { maxFileBytes: number; maxReportBytes: number };
  databaseUrl: string | undefined;
  publicBaseUrl: string;
  /** PUBLIC_BASE_URL unset or pointing at this machine: QR codes printed now would not work elsewhere. */
  publicBaseUrlIsLocal: boolean;
  trustProxy: boolean;
  /** How many X-Forwarded-For entries, counted from the right, our own proxies wrote (0 without TRUST_PROXY). */
  trustProxyHops: number;
  logLevel: Env["LOG_LEVEL"];
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  initialCredentialMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  cards: { plantaValidUntil: string | undefined };
  verification: { showPhoto: boolean; ratePerMinute: number };
  /** Comunicaciones: the only e-mail domains it sends to; its sender, SMTP connections and gap between sends;
   * attachment and list limits (bytes, entries). */
  comm: {
    allowedDomains: string[];
    from: string;
    smtpConnections: number;
    sendGapMinutes: number;
    maxFileBytes: number;
    maxUploadBytes: number;
    maxMailedBytes: number;
    maxListEntries: number;
  };
  entity: {
    name: string;
    nit: string;
    address: string;
    phone: string;
    supportEmail: string;
    supportPhone: string;
    hours: string;
    emailDomain: string;
    website: string;
  };
}

export class ConfigError extends Error {}

/** Parses the environment; throws ConfigError listing every invalid variable and how to fix it. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [key, { doc, schema }] of Object.entries(settings)) {
    const raw = env[key] === "" ? undefined : env[key];
    const parsed = (schema as z.ZodType).safeParse(raw);
    if (parsed.success) values[key] = parsed.data;
    else {
      const detail = parsed.error.issues.find((i) => i.code === "custom")?.message;
      problems.push(`- ${key}=${JSON.stringify(raw)} no es válido${detail ? `: ${detail}` : ""}. ${doc}`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigError(`La configuración tiene errores:\n${problems.join("\n")}`);
  }
  const v = values as Env;
  return {
    port: v.PORT,
    host: v.HOST,
    dataDir: path.resolve(v.DATA_DIR),
    storage: storageSettings(v.STORAGE_URL, path.resolve(v.DATA_DIR)),
    photoOriginalRetentionDays: v.PHOTO_ORIGINAL_RETENTION_DAYS,
    evidence: {
      maxFileBytes: v.EVIDENCE_MAX_FILE_MB * 1024 * 1024,
      maxReportBytes: v.EVIDENCE_MAX_REPORT_MB * 1024 * 1024,
    },
    databaseUrl: v.DATABASE_URL,
    publicBaseUrl: (v.PUBLIC_BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/$/, ""),
    publicBaseUrlIsLocal: isLocalUrl(v.PUBLIC_BASE_URL),
    trustProxy: v.TRUST_PROXY,
    trustProxyHops: v.TRUST_PROXY ? (v.TRUST_PROXY_HOPS ?? 1) : 0,
    logLevel: v.LOG_LEVEL,
    sessionIdleMs: v.SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: v.SESSION_ABSOLUTE_HOURS * 3_600_000,
    initialCredentialMs: v.INITIAL_CREDENTIAL_HOURS * 3_600_000,
    smtpUrl: v.SMTP_URL,
    mailFrom: v.MAIL_FROM ?? `SIPAP <intranet@${v.ENTITY_EMAIL_DOMAIN}>`,
    cards: { plantaValidUntil: v.CARD_VALID_UNTIL_PLANTA },
    verification: { showPhoto: v.VERIFY_SHOW_PHOTO, ratePerMinute: v.VERIFY_RATE_LIMIT },
    comm: {
      allowedDomains: (v.COMM_ALLOWED_DOMAINS ?? v.ENTITY_EMAIL_DOMAIN)
        .split(",")
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
      from: v.COMM_FROM ?? v.MAIL_FROM ?? `SIPAP <intranet@${v.ENTITY_EMAIL_DOMAIN}>`,
      smtpConnections: v.COMM_SMTP_CONNECTIONS,
      sendGapMinutes: v.COMM_SEND_GAP_MINUTES,
      maxFileBytes: v.COMM_MAX_FILE_MB * 1024 * 1024,
      maxUploadBytes: v.COMM_MAX_UPLOAD_MB * 1024 * 1024,
      maxMailedBytes: v.COMM_MAX_MAILED_MB * 1024 * 1024,
      maxListEntries: v.COMM_MAX_LIST_ENTRIES,
    },
    entity: {
      name: v.ENTITY_NAME,
      nit: v.ENTITY_NIT,
      address: v.ENTITY_ADDRESS,
      phone: v.ENTITY_PHONE,
      supportEmail: v.ENTITY_SUPPORT_EMAIL,
      supportPhone: v.ENTITY_SUPPORT_PHONE,
      hours: v.ENTITY_HOURS,
      emailDomain: v.ENTITY_EMAIL_DOMAIN,
      website: v.ENTITY_WEBSITE,
    },
  };
}

const PREFIX = /^([a-z0-9][a-z0-9_.-]*\/)*$/;

/** Why a STORAGE_URL cannot be used, in Spanish, or undefined when it can. */
function storageUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "no es una dirección (debe empezar por s3:// o file://)";
  }
  if (url.protocol === "file:") return url.pathname.length > 1 ? undefined : "falta la carpeta";
  if (url.protocol !== "s3:") return `el esquema ${url.protocol} no se reconoce (use s3:// o file://)`;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(url.hostname))
    return "falta el nombre del balde (bucket) o no es válido: s3://balde/prefijo";
  if (!PREFIX.test(s3Prefix(url)))
    return "el prefijo solo puede tener minúsculas, números, guiones, puntos y barras";
  const endpoint = url.searchParams.get("endpoint");
  if (endpoint !== null && !/^https?:\/\/[^/\s]+/.test(endpoint))
    return "endpoint debe ser una dirección http:// o https:// (por ejemplo endpoint=https://minio.entidad.gov.co:9000)";
  const unknown = [...url.searchParams.keys()].filter((k) => k !== "endpoint" && k !== "region");
  if (unknown.length > 0) return `no se reconoce el parámetro ${unknown.join(", ")} (solo endpoint y region)`;
  return undefined;
}

const s3Prefix = (url: URL) => {
  const trimmed = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, "");
  return trimmed ? `${trimmed}/` : "";
};

function storageSettings(value: string | undefined, dataDir: string): StorageSettings {
  if (!value) return { kind: "local", dir: path.join(dataDir, "files") };
  const url = new URL(value);
  if (url.protocol === "file:") return { kind: "local", dir: path.resolve(decodeURIComponent(url.pathname)) };
  const endpoint = url.searchParams.get("endpoint") ?? undefined;
  return {
    kind: "s3",
    bucket: url.hostname,
    prefix: s3Prefix(url),
    ...(endpoint ? { endpoint } : {}),
    region: url.searchParams.get("region") ?? "us-east-1",
  };
}

function isLocalUrl(url: string | undefined): boolean {
  if (!url) return true;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.startsWith("127.") ||
    host === "::1" ||
    host === "0.0.0.0"
  );
}

/**
 * What main.ts warns about at start. On a real database (DATABASE_URL) a local PUBLIC_BASE_URL means the
 * cards' QR codes would point at the server itself, so batches are refused until it is set; the embedded
 * demo may keep localhost.
 */
export function startupWarnings(config: Config): string[] {
  if (!config.databaseUrl || !config.publicBaseUrlIsLocal) return [];
  return [
    `Atención: PUBLIC_BASE_URL no está configurada o apunta a este mismo equipo (${config.publicBaseUrl}). ` +
      "Los códigos QR de los carnets llevarían esa dirección y no servirían para verificarlos desde otro equipo, " +
      "por eso SIPAP no deja crear lotes de impresión de carnets. Configure la dirección pública de SIPAP, " +
      `por ejemplo PUBLIC_BASE_URL=https://sipap.${config.entity.emailDomain}, y reinicie.`,
  ];
}

/** Names of every environment variable SIPAP reads (the README documents each). */
export const SETTING_NAMES = Object.keys(settings);
