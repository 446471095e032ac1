// The automatic checks on the real fixture photos and on bad files built from them.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { blankWhite, decompressionBomb, fixture, pdfFile, twoFaces } from "../../../test/photos.ts";
import { checkPhoto } from "./photos.service.ts";

const failedIds = async (input: Buffer) =>
  (await checkPhoto(input)).checks.filter((c) => !c.ok).map((c) => c.id);

describe("automatic photo checks on real photos", () => {
  it.each([
    ["portrait-white-bg.jpg", []],
    ["portrait-exif-rotated.jpg", []],
    ["portrait-grey-backdrop.jpg", ["fondo_blanco"]],
    ["portrait-grayscale.jpg", ["a_color"]],
    ["portrait-blurred.jpg", ["enfoque"]],
    ["portrait-too-small.jpg", ["resolucion", "enfoque"]],
  ])("%s fails exactly %j", async (name, expected) => {
    expect(await failedIds(fixture(name))).toEqual(expected);
  });

  it("says a dark photo is too dark (its backdrop is then not white either)", async () => {
    const failed = await failedIds(fixture("portrait-dark.jpg"));
    expect(failed).toContain("luz");
    expect(failed).not.toContain("enfoque");
    const checks = (await checkPhoto(fixture("portrait-dark.jpg"))).checks;
    expect(checks.find((c) => c.id === "luz")?.message).toContain("muy oscura");
  });

  it("says a sepia print is not a colour photo", async () => {
    const sepia = await sharp(fixture("portrait-white-bg.jpg"))
      .recomb([
        [0.393, 0.769, 0.189],
        [0.349, 0.686, 0.168],
        [0.272, 0.534, 0.131],
      ])
      .jpeg()
      .toBuffer();
    expect(await failedIds(sepia)).toContain("a_color");
  });

  it("refuses the astronaut's original photo for its background, whatever the crop fixes", async () => {
    expect(await failedIds(fixture("astronaut-original.jpg"))).toContain("fondo_blanco");
  });

  it("judges a sideways-stored photo upright, and its portrait is a 600×800 portrait without metadata", async () => {
    const result = await checkPhoto(fixture("portrait-exif-rotated.jpg"));
    const portrait = await sharp(result.files?.portrait).metadata();
    expect([portrait.width, portrait.height]).toEqual([600, 800]);
    expect(portrait.exif).toBeUndefined();
    const original = await sharp(result.files?.original).metadata();
    expect([original.width, original.height, original.orientation ?? 1]).toEqual([600, 800, 1]);
    expect(original.exif).toBeUndefined();
  });

  it("removes GPS and camera data from a photo that carries them", async () => {
    const withGps = await sharp(fixture("portrait-white-bg.jpg"))
      .withExif({
        IFD0: { Make: "Camara", Model: "Modelo X" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "1/1 12/1 0/1" },
      })
      .jpeg()
      .toBuffer();
    expect((await sharp(withGps).metadata()).exif).toBeDefined();
    const result = await checkPhoto(withGps);
    for (const file of [result.files?.portrait, result.files?.original]) {
      expect((await sharp(file).metadata()).exif).toBeUndefined();
      expect(file?.includes("Modelo X")).toBe(false);
    }
  });

  it("counts two faces and no face", async () => {
    expect(await failedIds(await twoFaces())).toContain("un_rostro");
    const none = (await checkPhoto(await blankWhite())).checks.find((c) => c.id === "un_rostro");
    expect(none).toMatchObject({ ok: false, value: 0 });
  });

  it("gives a message and a value for every check", async () => {
    const { checks } = await checkPhoto(fixture("portrait-white-bg.jpg"));
    expect(checks.map((c) => c.id)).toEqual([
      "tamano_archivo",
      "legible",
      "resolucion",
      "un_rostro",
      "de_frente",
      "tamano_cabeza",
      "centrado",
      "fondo_blanco",
      "a_color",
      "enfoque",
      "luz",
    ]);
    for (const check of checks) expect(check.message.length).toBeGreaterThan(10);
  });
});

describe("bad files never crash the checks", () => {
  it("refuses a PDF or a text file renamed .jpg as not a photo", async () => {
    for (const input of [pdfFile(), Buffer.from("hola, esta no es una foto")]) {
      const result = await checkPhoto(input);
      expect(result.files).toBeUndefined();
      expect(result.checks.find((c) => c.id === "legible")?.message).toContain("JPEG, PNG o WebP");
    }
  });

  it("refuses a truncated JPEG as damaged", async () => {
    const whole = fixture("portrait-white-bg.jpg");
    const result = await checkPhoto(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(result.files).toBeUndefined();
    expect(result.checks.find((c) => c.id === "legible")?.value).toBe("corrupt");
  });

  it("refuses a decompression bomb without decoding it", async () => {
    const before = process.memoryUsage().rss;
    const result = await checkPhoto(decompressionBomb());
    expect(result.checks.find((c) => c.id === "legible")?.value).toBe("too_many_pixels");
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it("refuses a file over 10 MB before looking at it", async () => {
    const result = await checkPhoto(Buffer.alloc(10 * 1024 * 1024 + 1));
    expect(result.checks).toEqual([expect.objectContaining({ id: "tamano_archivo", ok: false })]);
  });
});
