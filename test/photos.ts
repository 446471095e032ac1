// Real photos (test/fixtures/photos, from ../shared/fixtures) and bad files built from them.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

const dir = new URL("./fixtures/photos/", import.meta.url);
export const fixture = (name: string) => readFileSync(new URL(name, dir));
export const fixturePath = (name: string) => fileURLToPath(new URL(name, dir));

/** Two copies of the acceptable portrait side by side. */
export async function twoFaces(): Promise<Buffer> {
  const one = fixture("portrait-white-bg.jpg");
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: "#ffffff" } })
    .composite([
      { input: one, left: 0, top: 0 },
      { input: one, left: 600, top: 0 },
    ])
    .jpeg()
    .toBuffer();
}

export const blankWhite = () =>
  sharp({ create: { width: 600, height: 800, channels: 3, background: "#ffffff" } })
    .jpeg()
    .toBuffer();

/** A valid PNG of a few hundred bytes whose header declares 30000 × 30000 pixels. */
export function decompressionBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30_000, 0);
  header.writeUInt32BE(30_000, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.alloc(1000))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A minimal PDF, as people send when they scan a photo. */
export const pdfFile = () =>
  Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n", "latin1");
