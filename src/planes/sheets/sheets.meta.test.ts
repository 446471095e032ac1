import { describe, expect, it } from "vitest";
import { parseMeta } from "./sheets.meta.ts";

describe("the quantity and unit of a meta", () => {
  it.each([
    ["1 informe de evaluación.", 1, "informe de evaluación"],
    ["100% de líderes y equipos de proceso capacitados en Política de Riesgos de corrupción.", 100, "%"],
    ["100 por ciento de riesgos de corrupción socializados ", 100, "%"],
    ["Un (1) informe de análisis de riesgos de corrupción.", 1, "informe de análisis"],
    ["15.000 ejemplares elaborados y distribuidos.", 15000, "ejemplares elaborados y distribuidos"],
    ["Al menos 50 encuestas aplicadas.", 50, "encuestas aplicadas"],
    ["Mínimo 29 espacios de diálogo realizados ", 29, "espacios de diálogo realizados"],
    ["Al menos un 90% de los ítems del anexo de la resolución 1519 del 2020 del MINTIC.", 90, "%"],
    ["Al menos el 50% de la Administración Central sensibilizada.", 50, "%"],
    ["Una campaña de lucha contra la corrupción desarrollada internamente.", 1, "campaña de lucha"],
    ["Una hoja de ruta formulada.", 1, "hoja de ruta formulada"],
    ["3 informes de seguimiento de PAAC y mapa de riesgos de corrupción. ", 3, "informes de seguimiento"],
    ["4 capacitaciones realizadas con todas las dependencias.", 4, "capacitaciones realizadas"],
    ["Al menos 1 nivel de la Administración Municipal empoderado.", 1, "nivel"],
    ["20 jornadas temáticas de diálogo realizadas", 20, "jornadas temáticas de diálogo realizadas"],
    ["1 PAAC 2022 ajustado de acuerdo a propuestas de partes interesadas.", 1, "PAAC 2022 ajustado"],
    ["2 informes de gestión formulados y publicados. ", 2, "informes de gestión formulados y publicados"],
    ["Dos (2) audiencias realizadas", 2, "audiencias realizadas"],
    ["(1) un Registro fotográfico", 1, "Registro fotográfico"],
    ["Índice de 94,4 puntos", null, null],
    ["94,4 puntos en el índice", 94.4, "puntos"],
    ["1.234,5 metros", 1234.5, "metros"],
    ["12 informes publicados en sede electrónica.", 12, "informes publicados"],
  ])("«%s» → %s %s", (meta, quantity, unit) => {
    expect(parseMeta(meta)).toEqual({ quantity, unit });
  });

  it.each([
    "Señalética instalada.",
    "Elaboración de informes de las PQRD.",
    "Plan de mejoramiento sobre PQRD elaborado y ejecutado.",
    "Informe de Iniciativas relacionadas con transparencia.",
    "",
  ])("finds none in «%s»", (meta) => {
    expect(parseMeta(meta)).toEqual({ quantity: null, unit: null });
  });

  it("keeps the unit short: at most 60 characters, cut between words", () => {
    const long = `2 ${"documentos ".repeat(3)}extraordinariamente largos y detallados sin ninguna preposición posible`;
    const { quantity, unit } = parseMeta(long);
    expect(quantity).toBe(2);
    expect(unit?.length).toBeLessThanOrEqual(60);
    expect(long).toContain(unit ?? "-");
  });
});
