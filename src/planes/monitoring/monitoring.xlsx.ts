// The monitoring dashboard as a spreadsheet: the same tables as the page (summary, components,
// dependencias, unreported, awaiting validation), percentages as whole numbers, zones written out and
// filled with their colour, text neutralised so nothing runs as a formula.
import ExcelJS from "exceljs";
import { formatDateTime, formatIsoDay } from "../../shared/time.ts";
import { neutralizeCell } from "../../shared/xlsx.ts";
import { monthLabel } from "../plans/plans.rules.ts";
import { REPORT_STATUS_LABELS } from "../progress/progress.types.ts";
import { ZONE_COLOUR_NAMES, ZONE_FILLS, ZONE_LABELS, type ZoneKey } from "../progress/zones.rules.ts";
import { activityLabel, type Figures } from "./monitoring.rules.ts";
import type { MonitoringView } from "./monitoring.service.ts";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: "top" };

type Cell = string | number | null;
const text = (value: string) => neutralizeCell(value);
const percent = (value: number | null) => (value === null ? null : Math.round(value));
const zoneText = (zone: ZoneKey) => `${ZONE_LABELS[zone]} (${ZONE_COLOUR_NAMES[zone]})`;
/** Every row here is a level or a dependencia, whatever the gender of its name: «Con atraso». */
const standing = (f: Figures) => (f.expected === null ? "Sin fechas" : f.behind ? "Con atraso" : "Al día");

function addTable(
  workbook: ExcelJS.Workbook,
  title: string,
  columns: { header: string; width: number }[],
  rows: Cell[][],
  zoneColumn?: { index: number; zones: (ZoneKey | undefined)[] },
) {
  const sheet = workbook.addWorksheet(title, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.alignment = wrap;
  });
  rows.forEach((values, i) => {
    const row = sheet.addRow(values.map((v) => (typeof v === "string" ? text(v) : (v ?? ""))));
    row.alignment = wrap;
    const zone = zoneColumn?.zones[i];
    if (zoneColumn && zone)
      row.getCell(zoneColumn.index + 1).fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: `FF${ZONE_FILLS[zone]}` },
      };
  });
  return sheet;
}

const FIGURE_COLUMNS = [
  { header: "Actividades", width: 12 },
  { header: "Avance validado (%)", width: 14 },
  { header: "Esperado a hoy (%)", width: 14 },
  { header: "Zona", width: 16 },
  { header: "Estado", width: 12 },
  { header: "Atrasadas", width: 11 },
  { header: "Periodos sin reportar", width: 14 },
  { header: "Reportes por validar", width: 14 },
];

export async function monitoringWorkbook(view: MonitoringView): Promise<Buffer> {
  const { plan, dashboard, filters } = view;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "SIPAP";
  const dependencia = filters.dependenciaId
    ? (view.dependencias.find((d) => d.value === filters.dependenciaId)?.label ??
      "Dependencia sin actividades")
    : "Todas";
  const summary: Cell[][] = [
    ["Plan", plan.title],
    ["Vigencia", plan.year],
    ["Fecha del monitoreo", formatIsoDay(view.today)],
    ["Dependencia", dependencia],
    ["Mes", filters.month ? monthLabel(filters.month) : "Todo el año"],
    ["Actividades", dashboard.activities],
    ["Avance validado (%)", percent(dashboard.plan?.progress ?? null)],
    ["Esperado a hoy (%)", percent(dashboard.plan?.expected ?? null)],
    ["Zona", dashboard.plan ? zoneText(dashboard.plan.zone) : "Sin actividades"],
    ["Estado", dashboard.plan ? standing(dashboard.plan) : ""],
    ["Periodos sin reportar", dashboard.unreported.length],
    ["Reportes por validar", dashboard.pending.length],
  ];
  addTable(
    workbook,
    "Resumen",
    [
      { header: "Dato", width: 24 },
      { header: "Valor", width: 60 },
    ],
    summary,
    { index: 1, zones: summary.map((r) => (r[0] === "Zona" ? dashboard.plan?.zone : undefined)) },
  );
  const figureCells = (
    r: Figures & { activities: number; late: number; unreported: number; pending: number },
  ) => [
    r.activities,
    percent(r.progress),
    percent(r.expected),
    zoneText(r.zone),
    standing(r),
    r.late,
    r.unreported,
    r.pending,
  ];
  addTable(
    workbook,
    sheetName(`Por ${plan.levelNames[0].toLowerCase()}`),
    [{ header: plan.levelNames[0], width: 50 }, ...FIGURE_COLUMNS],
    dashboard.components.map((r) => [r.label, ...figureCells(r)]),
    { index: 4, zones: dashboard.components.map((r) => r.zone) },
  );
  addTable(
    workbook,
    "Por dependencia",
    [{ header: "Dependencia", width: 40 }, ...FIGURE_COLUMNS],
    dashboard.dependencias.map((r) => [r.name, ...figureCells(r)]),
    { index: 4, zones: dashboard.dependencias.map((r) => r.zone) },
  );
  addTable(
    workbook,
    "Sin reportar",
    [
      { header: plan.levelNames[2], width: 50 },
      { header: "Dependencia", width: 36 },
      { header: "Periodo", width: 24 },
      { header: "Venció el", width: 12 },
      { header: "Días de atraso", width: 10 },
      { header: "Reporte", width: 16 },
    ],
    dashboard.unreported.map((r) => [
      activityLabel(r.leaf),
      r.dependencia,
      r.period,
      formatIsoDay(r.endsOn),
      r.daysLate,
      r.status ? REPORT_STATUS_LABELS[r.status] : "Sin reporte",
    ]),
  );
  addTable(
    workbook,
    "Por validar",
    [
      { header: plan.levelNames[2], width: 50 },
      { header: "Dependencia", width: 36 },
      { header: "Periodo", width: 24 },
      { header: "Enviado", width: 24 },
    ],
    dashboard.pending.map((r) => [
      activityLabel(r.leaf),
      r.dependencia,
      r.period,
      r.report.submittedAt ? formatDateTime(r.report.submittedAt) : "",
    ]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel refuses some characters in sheet names and more than 31 of them. */
const sheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31);
