// Security headers and request limits applied to every response.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "./errors.ts";
import type { AppEnv } from "./http.ts";

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: for the local preview of a photo before it is uploaded.
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join("; ");

const SECURITY_HEADERS: [string, string][] = [
  ["Content-Security-Policy", CONTENT_SECURITY_POLICY],
  ["X-Frame-Options", "DENY"],
  ["X-Content-Type-Options", "nosniff"],
  // "no-referrer" would make browsers send "Origin: null" on our own form posts.
  ["Referrer-Policy", "same-origin"],
  ["Strict-Transport-Security", "max-age=31536000; includeSubDomains"],
  ["Cross-Origin-Resource-Policy", "same-origin"],
  ["Cross-Origin-Opener-Policy", "same-origin"],
  ["Permissions-Policy", "camera=(self), geolocation=(), microphone=()"],
];

/**
 * Security headers on every response, set before the handler runs (hono/secure-headers sets them after,
 * which takes @hono/node-server off its fast path and halves throughput).
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  for (const [name, value] of SECURITY_HEADERS) c.header(name, value);
  await next();
};

/**
 * What a signed-in person sees is theirs: no shared cache keeps it and the browser does not store it, unless a
 * route said otherwise (the public pages set their own rule).
 */
export const privateByDefault: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  if (c.var.user && !c.res.headers.has("Cache-Control")) c.header("Cache-Control", "private, no-store");
};

/** Ordinary forms are small; the photo upload may carry a 10 MB file (plus the form around it). */
export const FORM_BODY_LIMIT = 64 * 1024;
export const UPLOAD_BODY_LIMIT = 10 * 1024 * 1024 + 64 * 1024;
const isPhotoUpload = (path: string) =>
  path === "/mi-foto" || path === "/mi-foto/revisar" || /^\/admin\/personas\/[^/]+\/foto$/.test(path);
// Card designs: a front and a back SVG of at most 2 MB each.
const DESIGN_BODY_LIMIT = 4 * 1024 * 1024 + 64 * 1024;

const tooLarge = (message: string) => () => {
  throw new AppError("request.too_large", 413, message);
};

const limitForm = bodyLimit({
  maxSize: FORM_BODY_LIMIT,
  onError: tooLarge(
    "El formulario enviado es demasiado grande. Revise que no haya pegado un texto muy largo e intente de nuevo.",
  ),
});

// Checked while the body streams: reading stops at the limit, a 500 MB body is never buffered.
const limitUpload = bodyLimit({
  maxSize: UPLOAD_BODY_LIMIT,
  onError: tooLarge(
    "La foto pesa más de 10 MB. Envíe una foto más liviana (la que toma la cámara del celular, sin editar, suele servir).",
  ),
});

const limitDesign = bodyLimit({
  maxSize: DESIGN_BODY_LIMIT,
  onError: tooLarge("Los archivos del diseño pesan demasiado: cada cara puede pesar como máximo 2 MB."),
});

// Dependencias' lists: a spreadsheet of at most 5 MB.
const limitList = bodyLimit({
  maxSize: 5 * 1024 * 1024 + 64 * 1024,
  onError: tooLarge(
    "El archivo pesa más de 5 MB. Quite las columnas o las hojas que no hacen falta, o divídalo en dos.",
  ),
});
const isListUpload = (path: string) => /^\/dependencia\/listas\/[^/]+\/[^/]+$/.test(path);

// A plan's spreadsheet (imports.routes.tsx): at most 10 MB.
const limitPlan = bodyLimit({
  maxSize: 10 * 1024 * 1024 + 64 * 1024,
  onError: tooLarge(
    "El archivo pesa más de 10 MB. Quite las hojas, imágenes o columnas que no son del plan y cárguelo de nuevo.",
  ),
});
const isPlanUpload = (path: string) => /^\/planes\/[^/]+\/importar$/.test(path);

// Uploads whose limit is a setting, each only for the roles that may send one: an anonymous or unrelated
// session cannot make the server read 100 MB before the route's permission check refuses it.
interface SizedUpload {
  matches: (path: string) => boolean;
  senders: readonly string[];
  maxBytes: (config: AppEnv["Variables"]["deps"]["config"]) => number;
  message: (megabytes: number) => string;
}
const SIZED_UPLOADS: readonly SizedUpload[] = [
  {
    // Evidence of a progress report or of an indicator's measurement: up to EVIDENCE_MAX_REPORT_MB per form.
    matches: (path) =>
      /^\/reportes\/[^/]+(\/enviar)?$/.test(path) || /^\/indicadores\/[^/]+\/mediciones$/.test(path),
    senders: ["responsable_plan", "planeacion"],
    maxBytes: (config) => config.evidence.maxReportBytes,
    message: (mb) =>
      `Los archivos enviados pesan más de ${mb} MB en total. Envíelos en varias partes o reduzca su tamaño (por ejemplo, guarde los documentos como PDF).`,
  },
  {
    // Publication requests (GTI-F-020) and SSI's library uploads: one document of up to EVIDENCE_MAX_FILE_MB.
    matches: (path) => path === "/publicaciones/solicitudes" || path === "/admin/documentos",
    senders: ["enlace", "jefe_dependencia", "operador_ssi"],
    maxBytes: (config) => config.evidence.maxFileBytes,
    message: (mb) =>
      `El documento pesa más de ${mb} MB. Guárdelo como PDF en calidad para web, o divídalo, y cárguelo de nuevo.`,
  },
  {
    // Comunicaciones' forms with files (the request, its edit, a comment): COMM_MAX_UPLOAD_MB. A pasted list
    // of 5,000 addresses is ~150 KB, so the request form always gets this limit.
    matches: (path) => /^\/comunicaciones\/solicitudes(\/[^/]+\/(editar|comentarios))?$/.test(path),
    senders: ["enlace", "jefe_dependencia", "comunicaciones", "despacho", "talento_humano", "operador_ssi"],
    maxBytes: (config) => config.comm.maxUploadBytes,
    message: (mb) =>
      `Lo que envió pesa más de ${mb} MB en total. Reduzca los adjuntos (por ejemplo, guarde los documentos como PDF) o envíelos en varias partes.`,
  },
];
/** One middleware per upload and limit, built when first needed (the limit comes from the configuration). */
const sizedLimits = new Map<string, MiddlewareHandler<AppEnv>>();
function sizedLimit(upload: SizedUpload, maxBytes: number): MiddlewareHandler<AppEnv> {
  const key = `${SIZED_UPLOADS.indexOf(upload)}:${maxBytes}`;
  let limit = sizedLimits.get(key);
  if (!limit) {
    limit = bodyLimit({
      maxSize: maxBytes + 64 * 1024,
      onError: tooLarge(upload.message(Math.round(maxBytes / (1024 * 1024)))),
    });
    sizedLimits.set(key, limit);
  }
  return limit;
}

/** Requests without a body skip the limit: checking it would build the full Request object on each GET. */
export const formBodyLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  const sized = SIZED_UPLOADS.find((upload) => upload.matches(c.req.path));
  if (sized && c.var.user?.roles.some((role) => sized.senders.includes(role)))
    return sizedLimit(sized, sized.maxBytes(c.var.deps.config))(c, next);
  if (isPhotoUpload(c.req.path)) return limitUpload(c, next);
  if (c.req.path === "/admin/diseno-carnet") return limitDesign(c, next);
  if (isListUpload(c.req.path)) return limitList(c, next);
  if (isPlanUpload(c.req.path)) return limitPlan(c, next);
  return limitForm(c, next);
};
