// The evidence files the demo's offices attach: small, distinct documents made on the fly — mostly a PDF
// «Informe de avance», now and then a photo of the event (PNG or JPEG) or an attendance list (.xlsx) — and
// a deterministic hash that stands in for chance, so every demo install tells the same story.
import ExcelJS from "exceljs";
import PDFDocument from "pdfkit";
import sharp from "sharp";
import type { EvidenceUpload } from "../planes/evidence/evidence.service.ts";
import { formatIsoDay } from "../shared/time.ts";

/** FNV-1a: a stable number from a text, for «random» choices that never change between installs. */
export function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** What a file tells about the work it proves. */
export interface EvidenceContent {
  title: string;
  entity: string;
  plan: string;
  activity: string;
  dependencia: string;
  period: string;
  figures: string;
  narrative: string;
  author: string;
  /** "YYYY-MM-DD": the day it was written (also the PDF's creation date, so the bytes never change). */
  writtenOn: string;
}

/** A one-page PDF report, in the standard Helvetica (nothing embedded: a few kilobytes). */
export function progressPdf(content: EvidenceContent): Promise<Buffer> {
  const created = new Date(`${content.writtenOn}T15:00:00Z`);
  const pdf = new PDFDocument({
    size: "LETTER",
    margin: 64,
    info: {
      Title: content.title,
      Author: content.dependencia,
      Creator: content.entity,
      Producer: content.entity,
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
  });
  pdf.font("Helvetica-Bold").fontSize(10).fillColor("#555555").text(content.entity.toUpperCase());
  pdf.moveDown(0.5).fontSize(16).fillColor("#12355b").text(content.title);
  pdf.moveDown(0.8).fontSize(10).fillColor("#222222");
  const field = (label: string, value: string) => {
    pdf.font("Helvetica-Bold").text(`${label}: `, { continued: true });
    pdf.font("Helvetica").text(value);
    pdf.moveDown(0.3);
  };
  field("Plan", content.plan);
  field("Actividad", content.activity);
  field("Dependencia", content.dependencia);
  field("Periodo", content.period);
  field("Avance", content.figures);
  pdf.moveDown(0.5).font("Helvetica-Bold").text("Descripción de lo realizado");
  pdf.moveDown(0.3).font("Helvetica").text(content.narrative, { align: "justify" });
  pdf.moveDown(1.5).text(`San Juan de Pasto, ${formatIsoDay(content.writtenOn)}`);
  pdf.moveDown(2).font("Helvetica-Bold").text(content.author);
  pdf.font("Helvetica").text(content.dependencia);
  pdf.end();
  return done;
}

/** A «photo» of the event: a plain picture in the dependencia's colours, distinct per report. */
async function eventPhoto(seed: number, format: "png" | "jpeg"): Promise<Buffer> {
  const hue = seed % 360;
  const [r, g, b] = [hue, (hue + 120) % 360, (hue + 240) % 360].map((h) => 90 + (h % 120));
  const bands = Array.from({ length: 6 }, (_, i) => ({
    input: {
      create: {
        width: 640,
        height: 40,
        channels: 3 as const,
        background: { r: (r ?? 0) + i * 10, g: (g ?? 0) + i * 8, b: (b ?? 0) + i * 6 },
      },
    },
    top: 60 + i * 60 + (seed % 17),
    left: 0,
  }));
  const image = sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: 235, g: 235, b: 230 } },
  }).composite(bands);
  return format === "png" ? image.png().toBuffer() : image.jpeg({ quality: 80 }).toBuffer();
}

const ATTENDEES = [
  "Ana Lucía Benavides",
  "Carlos Eduardo Muñoz",
  "Diana Patricia Rosero",
  "Jorge Enrique Villota",
  "Luz Marina Erazo",
  "Mario Fernando Guerrero",
  "Nancy Rocío Delgado",
  "Óscar Javier Pantoja",
  "Paula Andrea Chaves",
  "Ricardo Alfonso Bravo",
];

/** An attendance list as the offices keep them in Excel. */
async function attendanceList(content: EvidenceContent, seed: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = content.dependencia;
  workbook.created = new Date(`${content.writtenOn}T15:00:00Z`);
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet("Asistencia");
  sheet.addRow([content.title]);
  sheet.addRow([content.activity]);
  sheet.addRow([`${content.dependencia} – ${formatIsoDay(content.writtenOn)}`]);
  sheet.addRow([]);
  sheet.addRow(["N.º", "Nombre", "Dependencia u organización", "Firma"]);
  const count = 6 + (seed % 5);
  for (let i = 0; i < count; i++)
    sheet.addRow([i + 1, ATTENDEES[(seed + i * 3) % ATTENDEES.length], content.dependencia, "Firmado"]);
  sheet.columns = [6, 32, 40, 12].map((width) => ({ width }));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const slug = (text: string) => text.replace(/[\\/:*?"<>|]/g, "-").trim();

/**
 * The files of one report: always its PDF; one report in seven also a photo, one in eleven an attendance
 * list. `label` names the activity in the file name («actividad 3.4»).
 */
export async function evidenceFiles(content: EvidenceContent, label: string, seed: number) {
  const files: EvidenceUpload[] = [
    {
      fileName: slug(`Informe de avance – ${label} – ${content.dependencia}.pdf`),
      bytes: await progressPdf(content),
    },
  ];
  if (seed % 7 === 3) {
    const format = seed % 2 ? "jpeg" : "png";
    files.push({
      fileName: slug(`Registro fotográfico – ${label}.${format === "png" ? "png" : "jpg"}`),
      bytes: await eventPhoto(seed, format),
    });
  } else if (seed % 11 === 5)
    files.push({
      fileName: slug(`Listado de asistencia – ${label}.xlsx`),
      bytes: await attendanceList(content, seed),
    });
  return files;
}
