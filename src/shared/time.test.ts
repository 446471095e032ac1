import { describe, expect, it } from "vitest";
import { endSentence, formatDateTime, formatDateTimeInColombia } from "./time.ts";

describe("time in Spanish", () => {
  const afternoon = new Date("2026-11-29T22:05:00Z");

  it("ends a sentence after a time of day with one period, never «p. m..»", () => {
    expect(formatDateTime(afternoon)).toMatch(/p\.\s?m\.$/);
    expect(endSentence(`Vence el ${formatDateTime(afternoon)}`)).not.toMatch(/\.\.$/);
    expect(endSentence("Listo")).toBe("Listo.");
  });

  it("says when something happened in Bogotá time, naming the time zone", () => {
    expect(formatDateTimeInColombia(new Date("2026-11-29T15:42:00Z"))).toMatch(
      /^29 de noviembre de 2026 a las 10:42 a\.\sm\., hora de Colombia$/,
    );
  });
});
