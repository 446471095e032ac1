import { describe, expect, it } from "vitest";
import { countOf, formatMegabytes, formatNumber, pluralize } from "./words.ts";

describe("Spanish counts and numbers", () => {
  it("uses the singular only for one", () => {
    expect(countOf(1, "carnet", "carnets")).toBe("1 carnet");
    expect(countOf(0, "fila", "filas")).toBe("0 filas");
    expect(countOf(3, "persona", "personas")).toBe("3 personas");
    expect(pluralize(1, "está lista", "están listas")).toBe("está lista");
    expect(pluralize(2, "está lista", "están listas")).toBe("están listas");
  });

  it("groups thousands with a dot and uses a decimal comma", () => {
    expect(countOf(1200, "persona", "personas")).toBe("1.200 personas");
    expect(formatNumber(2.55, 1)).toBe("2,6");
    expect(formatMegabytes(12_400_000)).toBe("12,4 MB");
  });
});
