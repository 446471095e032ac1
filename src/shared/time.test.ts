import { describe, expect, it } from "vitest";
import { endSentence, formatDateTime, formatDateTimeInColombia, startOfBogotaDay } from "./time.ts";

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

describe("days typed in forms", () => {
  it("accepts only days that exist", () => {
    expect(startOfBogotaDay("2026-02-28")?.toISOString()).toBe("2026-02-28T05:00:00.000Z");
    expect(startOfBogotaDay("2028-02-29")).toBeDefined();
    for (const day of ["2026-02-31", "2026-04-31", "2026-02-29", "2026-13-01", "2026-00-10"])
      expect(startOfBogotaDay(day)).toBeUndefined();
  });
});
