// Writes zip archives byte by byte, for tests only: unlike a real zip library it will write an entry whose
// header lies about its size or CRC, which is what the zip guard (lists.zip.ts) must refuse.
import { crc32 } from "node:zlib";

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

export interface ForgedEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  /** Declared uncompressed size: anything the test wants. */
  size: number;
  compressed: Buffer;
}

/** An honest stored entry. */
export const stored = (name: string, text: string): ForgedEntry => {
  const data = Buffer.from(text);
  return { name, method: 0, crc: crc32(data), size: data.length, compressed: data };
};

/** A plain zip (no data descriptors, no ZIP64) of already compressed entries, in the given order. */
export function forgeZip(entries: ForgedEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_SIGNATURE, 0);
    header.writeUInt16LE(20, 4); // version needed: 2.0
    header.writeUInt16LE(0x0800, 6); // names in UTF-8
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressed.length, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_SIGNATURE, 0);
    central.writeUInt16LE(20, 4);
    header.copy(central, 6, 4, 30); // same fields from "version needed" to "name length"
    central.writeUInt32LE(offset, 42);
    locals.push(header, name, entry.compressed);
    centrals.push(central, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD_SIGNATURE, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
