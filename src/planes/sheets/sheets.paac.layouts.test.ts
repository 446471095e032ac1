import { describe, expect, it } from "vitest";
import { HEADER, outline, read } from "../../../test/plan-grids.ts";

// Dates must come out as the calendar day whatever the server's zone: run these west of UTC.
process.env.TZ = "America/Bogota";

// An excerpt of the PAAC 2022 Anexo 1 with the quirks of the real file.
describe("a PAAC laid out other ways", () => {
  it("keeps product, meta with its quantity and unit, and an optional weight", async () => {
    const result = await read({
      Plan: [
        ["Componente 3: Rendición de cuentas"],
        [...HEADER, "Peso"],
        [
          "Subcomponente 1. Información",
          "1.7 Elaborar el periódico.",
          "Ejemplares distribuidos.",
          "15.000 ejemplares elaborados y distribuidos.",
          "OCS",
          "01/07/2022",
          "01/08/2022",
          0.25,
        ],
        [
          undefined,
          "1.8 Publicar en redes.",
          "Información publicada.",
          "Señalética instalada.",
          "OCS",
          "03/01/2022",
          "31/12/2022",
          "10 %",
        ],
      ],
    });
    const [first, second] = result.tree[0]?.children[0]?.children ?? [];
    expect(first).toMatchObject({
      product: "Ejemplares distribuidos.",
      meta: "15.000 ejemplares elaborados y distribuidos.",
      metaQuantity: 15000,
      metaUnit: "ejemplares elaborados y distribuidos",
      weight: 0.25,
    });
    expect(second).toMatchObject({ metaQuantity: null, metaUnit: null, weight: 10 });
  });

  it("reads one sheet per component, taking the component from the sheet's name when no heading says it", async () => {
    const result = await read({
      "Componente 1": [
        ["PLAN ANTICORRUPCIÓN 2022"],
        HEADER,
        ["Subcomponente 1. Política", "1.1 Socializar.", "P", "M", "OPGI", "13/01/2022", "13/01/2022"],
      ],
      "Componente 2": [
        ["PLAN ANTICORRUPCIÓN 2022"],
        ["Componente 2: Racionalización de trámites"],
        ["Ver documento anexo"],
      ],
      Hoja3: [
        ["Componente 6: Iniciativas adicionales"],
        HEADER.slice(1),
        ["1. Empoderar.", "P", "M", "SSI", "01/02/2022", "30/11/2022"],
      ],
    });
    expect(result.tree.map((node) => [node.key, node.text, node.note, node.children.length])).toEqual([
      ["c1", "Componente 1", undefined, 1],
      ["c2", "Racionalización de trámites", "Ver documento anexo", 0],
      ["c6", "Iniciativas adicionales", undefined, 1],
    ]);
    expect(result.problems).toEqual([]);
  });

  it("continues a subcomponent written again later, and a component heading repeated after a page break", async () => {
    const result = await read({
      Plan: [
        ["Componente 5: Transparencia"],
        HEADER,
        [
          "Subcomponente 1. Lineamientos de transparencia activa.",
          "1.1 Actualizar.",
          "P",
          "M",
          "SSI",
          "01/01/2022",
          "31/12/2022",
        ],
        [
          "Subcomponente 2. Transparencia pasiva.",
          "2.1 Identificar.",
          "P",
          "M",
          "UAC",
          "01/02/2022",
          "01/12/2022",
        ],
        ["Componente 5: Transparencia"],
        HEADER,
        [
          "SUBCOMPONENTE 1 - Lineamientos de transparencia activa",
          "1.2 Realizar seguimiento.",
          "P",
          "M",
          "SSI",
          "01/03/2022",
          "31/12/2022",
        ],
      ],
    });
    expect(outline(result.tree)).toMatchObject([
      {
        key: "c5",
        children: [
          { key: "c5/s1", children: [{ key: "c5/s1/1.1" }, { key: "c5/s1/1.2", row: 7 }] },
          { key: "c5/s2", children: [{ key: "c5/s2/2.1" }] },
        ],
      },
    ]);
    expect(result.counts).toEqual({ components: 1, subcomponents: 2, activities: 3, periods: 3 });
  });

  it("takes a row repeating the activity's text, as a filled-down or merged cell reads, as a continuation", async () => {
    const result = await read({
      Plan: [
        ["Componente 4: Servicio al ciudadano"],
        HEADER,
        [
          "Subcomponente 3. Canales",
          "3.4 Apertura de buzón de sugerencias.",
          "Informes.",
          "3 informes.",
          "UAC\nUnidad de Correspondencia.",
          "01/04/2022",
          "29/04/2022",
        ],
        [
          "Subcomponente 3. Canales",
          "3.4 Apertura de buzón de sugerencias.",
          "Informes.",
          "3 informes.",
          "",
          "01/08/2022",
          "31/08/2022",
        ],
        [
          "Subcomponente 3. Canales",
          "3.4  Apertura de buzón de sugerencias",
          undefined,
          undefined,
          "UAC",
          "01/12/2022",
          "26/12/2022",
        ],
      ],
    });
    const [activity] = result.tree[0]?.children[0]?.children ?? [];
    expect(activity).toMatchObject({
      code: "3.4",
      product: "Informes.",
      meta: "3 informes.",
      responsables: ["UAC", "Unidad de Correspondencia."],
      periods: [
        { start: "2022-04-01", end: "2022-04-29" },
        { start: "2022-08-01", end: "2022-08-31" },
        { start: "2022-12-01", end: "2022-12-26" },
      ],
    });
    expect(result.counts.activities).toBe(1);
  });

  it("takes a subcomponent written alone on its row as a heading for the activities below, not as a note", async () => {
    const result = await read({
      Plan: [
        ["Componente 4: Servicio al ciudadano"],
        HEADER,
        ["a) Talento Humano"],
        [
          undefined,
          "1.1 Realizar capacitaciones.",
          "P",
          "2 capacitaciones realizadas.",
          "UAC",
          "01/02/2022",
          "31/10/2022",
        ],
        ["b) Estructura administrativa"],
        [undefined, "2.1 Velar por el protocolo.", "P", "1 informe.", "UAC", "01/02/2022", "31/12/2022"],
      ],
    });
    expect(result.problems).toEqual([]);
    expect(result.tree[0]?.note).toBeUndefined();
    expect(outline(result.tree)[0]).toMatchObject({
      children: [
        { key: "c4/sa", code: "a", text: "Talento Humano", row: 3, children: [{ key: "c4/sa/1.1" }] },
        {
          key: "c4/sb",
          code: "b",
          text: "Estructura administrativa",
          row: 5,
          children: [{ key: "c4/sb/2.1" }],
        },
      ],
    });
  });
});
