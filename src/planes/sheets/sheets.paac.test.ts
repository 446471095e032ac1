import { describe, expect, it } from "vitest";
import { HEADER, outline, type Rows, read, utc } from "../../../test/plan-grids.ts";

// Dates must come out as the calendar day whatever the server's zone: run these west of UTC.
process.env.TZ = "America/Bogota";

// An excerpt of the PAAC 2022 Anexo 1 with the quirks of the real file.
const PAAC: Rows = [
  ["ALCALDÍA DE PASTO"], // 1, merged A1:G1
  ["Anexo 1. Plan Anticorrupción y de Atención al Ciudadano"],
  [],
  ["Componente 1. Gestión del riesgo de corrupción – Mapa de riesgos de corrupción."], // 4, merged A4:G4
  HEADER,
  [
    "Subcomponente 1. Política de Administración de Riesgos de Corrupción.",
    "1.1 Socializar la Política de administración de riesgos de corrupción.",
    "Política socializada.",
    "100% de líderes y equipos de proceso capacitados.",
    "Oficina de Planeación de Gestión Institucional – OPGI",
    "13/01/2022",
    "13/01/2022",
  ],
  [
    undefined,
    "1.2\u00a0Evaluar la implementación de la política.",
    "Informe.",
    "1 informe de evaluación.",
    "OPGI",
    "1/07/2022",
    "31/08/2022",
  ],
  [
    "Subcomponente 3. Comunicación y divulgación.",
    "3.1 Consolidar el PAAC.",
    "PAAC ajustado.",
    "1 PAAC ajustado.",
    "OPGI\nUAC",
    utc(2022, 1, 11),
    utc(2022, 1, 21),
  ],
  HEADER, // 9: repeated after a page break
  [
    "Subcomponente 3. Comunicación y divulgación",
    " 3.8.  Mejorar la estrategia.",
    "Estrategia mejorada.",
    "Una estrategia.",
    "Oficina de Comunicación Social",
    "01/02/2022",
    "15/12/2022",
  ],
  [undefined, undefined, undefined, undefined, "Secretaría de Tránsito y Transporte Municipal y OPGI"],
  [
    undefined,
    "3.9 Formular dos informes.",
    "Informes.",
    "2 informes.",
    "Todas las secretarías",
    "01/05/2022\n01/10/2022",
    "01/06/2022\n01/11/2022",
  ],
  [
    "Subcomponente 5. Seguimiento ",
    "5.1 Realizar seguimiento al PAAC.",
    "Informes.",
    "3 informes de seguimiento.",
    "Oficina de Control Interno de Gestión",
    "1/04/2022",
    "31/04/2022",
  ],
  [undefined, undefined, undefined, undefined, undefined, "1/08/2022", "31/08/2022"], // 14, B13:B14 merged
  [],
  ["Componente 2: Racionalización de trámites"], // 16, merged A16:G16
  ["Ver documento anexo “Estrategia de racionalización de trámites 2022”"], // 17, merged A17:G17
  ["Componente 6: Iniciativas adicionales"], // 18
  HEADER.slice(1), // 19: no subcomponent column
  [
    "1. Empoderar a todos los niveles.",
    "Niveles apropiados.",
    "Al menos 1 nivel empoderado.",
    "Subsecretaría de Talento Humano",
    utc(2022, 2, 1),
    utc(2022, 11, 30),
  ],
  [
    "4. Difundir el Portafolio de Trámites.",
    "Portafolio difundido.",
    "Al menos 6 procesos.",
    "Todos los procesos que ofrecen trámites",
    "1/02/2022",
    "30/11/2022",
  ],
  [undefined, undefined, undefined, "OPGI; Oficina de Comunicación Social"],
];
const PAAC_MERGES = {
  Anexo: [
    "A1:G1",
    "A4:G4",
    "A6:A7",
    "A12:A11",
    "B13:B14",
    "C13:C14",
    "D13:D14",
    "E13:E14",
    "A16:G16",
    "A17:G17",
  ],
};

describe("a PAAC as the OPGI keeps it", () => {
  it("reads components, subcomponents and activities through titles, repeated headers, merges and continuation rows", async () => {
    const result = await read({ Anexo: PAAC }, PAAC_MERGES);
    expect(result.counts).toEqual({ components: 3, subcomponents: 3, activities: 8, periods: 10 });
    expect(outline(result.tree)).toEqual([
      {
        key: "c1",
        code: "1",
        text: "Gestión del riesgo de corrupción – Mapa de riesgos de corrupción.",
        row: 4,
        children: [
          {
            key: "c1/s1",
            code: "1",
            text: "Política de Administración de Riesgos de Corrupción.",
            row: 6,
            children: [
              {
                key: "c1/s1/1.1",
                code: "1.1",
                text: "Socializar la Política de administración de riesgos de corrupción.",
                row: 6,
                responsables: ["Oficina de Planeación de Gestión Institucional – OPGI"],
                periods: [{ start: "2022-01-13", end: "2022-01-13" }],
              },
              {
                key: "c1/s1/1.2",
                code: "1.2",
                text: "Evaluar la implementación de la política.",
                row: 7,
                responsables: ["OPGI"],
                periods: [{ start: "2022-07-01", end: "2022-08-31" }],
              },
            ],
          },
          {
            key: "c1/s3",
            code: "3",
            text: "Comunicación y divulgación.",
            row: 8,
            children: [
              {
                key: "c1/s3/3.1",
                code: "3.1",
                text: "Consolidar el PAAC.",
                row: 8,
                responsables: ["OPGI", "UAC"],
                periods: [{ start: "2022-01-11", end: "2022-01-21" }],
              },
              {
                key: "c1/s3/3.8",
                code: "3.8",
                text: "Mejorar la estrategia.",
                row: 10,
                responsables: [
                  "Oficina de Comunicación Social",
                  "Secretaría de Tránsito y Transporte Municipal",
                  "OPGI",
                ],
                periods: [{ start: "2022-02-01", end: "2022-12-15" }],
              },
              {
                key: "c1/s3/3.9",
                code: "3.9",
                text: "Formular dos informes.",
                row: 12,
                responsables: ["Todas las secretarías"],
                periods: [
                  { start: "2022-05-01", end: "2022-06-01" },
                  { start: "2022-10-01", end: "2022-11-01" },
                ],
              },
            ],
          },
          {
            key: "c1/s5",
            code: "5",
            text: "Seguimiento",
            row: 13,
            children: [
              {
                key: "c1/s5/5.1",
                code: "5.1",
                text: "Realizar seguimiento al PAAC.",
                row: 13,
                responsables: ["Oficina de Control Interno de Gestión"],
                periods: [
                  { start: "2022-04-01", end: null, raw: "1/04/2022 - 31/04/2022" },
                  { start: "2022-08-01", end: "2022-08-31" },
                ],
              },
            ],
          },
        ],
      },
      {
        key: "c2",
        code: "2",
        text: "Racionalización de trámites",
        row: 16,
        note: "Ver documento anexo “Estrategia de racionalización de trámites 2022”",
      },
      {
        key: "c6",
        code: "6",
        text: "Iniciativas adicionales",
        row: 18,
        children: [
          {
            key: "c6/-/1",
            code: "1",
            text: "Empoderar a todos los niveles.",
            row: 20,
            responsables: ["Subsecretaría de Talento Humano"],
            periods: [{ start: "2022-02-01", end: "2022-11-30" }],
          },
          {
            key: "c6/-/4",
            code: "4",
            text: "Difundir el Portafolio de Trámites.",
            row: 21,
            responsables: [
              "Todos los procesos que ofrecen trámites",
              "OPGI",
              "Oficina de Comunicación Social",
            ],
            periods: [{ start: "2022-02-01", end: "2022-11-30" }],
          },
        ],
      },
    ]);
    expect(result.problems).toEqual([
      {
        row: 13,
        severity: "aviso",
        sheet: "Anexo",
        message:
          "La fecha final 31/04/2022 no existe (abril tiene 30 días); se guarda como está escrita. Corríjala en el archivo si es un error.",
      },
    ]);
  });
});
