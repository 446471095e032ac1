import { describe, expect, it } from "vitest";
import { splitResponsables } from "./sheets.responsables.ts";

describe("the responsables written in one cell", () => {
  it("splits on line breaks and semicolons, keeping each as written", () => {
    expect(splitResponsables("UAC \nUnidad de Correspondencia.")).toEqual([
      "UAC",
      "Unidad de Correspondencia.",
    ]);
    expect(splitResponsables("OPGI\nTodas las dependencias")).toEqual(["OPGI", "Todas las dependencias"]);
    expect(splitResponsables("SSI; Oficina de Asesoría Jurídica;")).toEqual([
      "SSI",
      "Oficina de Asesoría Jurídica",
    ]);
  });

  it("splits on « y » only where what follows starts like an office", () => {
    expect(splitResponsables("OPGI y Secretaría General")).toEqual(["OPGI", "Secretaría General"]);
    expect(splitResponsables("Secretaría de Cultura y OCS")).toEqual(["Secretaría de Cultura", "OCS"]);
    expect(
      splitResponsables("Oficina de Comunicación Social y Unidad de Atención al Ciudadano y SSI"),
    ).toEqual(["Oficina de Comunicación Social", "Unidad de Atención al Ciudadano", "SSI"]);
    expect(splitResponsables("UAC y todas las dependencias")).toEqual(["UAC", "todas las dependencias"]);
    expect(splitResponsables("OPGI y Líderes de proceso")).toEqual(["OPGI", "Líderes de proceso"]);
    expect(splitResponsables("Dirección de Juventud y Equipo MIPG")).toEqual([
      "Dirección de Juventud",
      "Equipo MIPG",
    ]);
  });

  it("keeps names that hold « y »", () => {
    for (const name of [
      "Secretaría de Tránsito y Transporte Municipal",
      "Todas las Secretarías y Direcciones",
      "Equipo Banco de Proyectos, MIPG y Plan de Desarrollo - OPGI",
      "Oficina de Archivo y Gestión Documental",
      "Secretaría de Mujeres y Orientaciones Sexuales",
      "Secretaría de Tránsito y TRansporte",
    ])
      expect(splitResponsables(name)).toEqual([name]);
  });

  it("keeps the text as written: no trailing dot dropped, spaces collapsed, bullets and repeats removed", () => {
    expect(splitResponsables("  OPGI.  ")).toEqual(["OPGI."]);
    expect(splitResponsables("Oficina  de\u00a0Planeación")).toEqual(["Oficina de Planeación"]);
    expect(splitResponsables("• OPGI\n- SSI\nOPGI")).toEqual(["OPGI", "SSI"]);
    expect(splitResponsables("OPGI\nOPGI.")).toEqual(["OPGI", "OPGI."]);
    expect(splitResponsables(" \n ; ")).toEqual([]);
  });
});
