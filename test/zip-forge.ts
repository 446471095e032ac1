// Writes zip archives byte by byte, for tests only: unlike a real zip library it will write an entry whose
// header lies about its size or CRC, which is what the zip guard (src/shared/zip-guard.ts) must refuse.
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

const ZIP64_END_SIGNATURE = 0x06064b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;

export interface ForgedEndRecord {
  /** Entry count in the plain end record (16 bits). */
  entries: number;
  /** Directory size and offset in the plain end record; 0 unless given. */
  directorySize?: number;
  directoryOffset?: number;
  /** Adds a ZIP64 end record and locator claiming this many entries (64 bits), directory at offset 0. */
  zip64Entries?: number | bigint;
  /** Sets the plain end record's counts, size and offset to all-ones ("see the ZIP64 record"). */
  zip64Markers?: boolean;
  /** Total file size: the records sit at its end, after a local header signature and zeros. */
  length?: number;
}

/** A file holding no entries at all, only end records claiming whatever the test wants (128 bytes by default). */
export function forgeEndRecords(forged: ForgedEndRecord): Buffer {
  const file = Buffer.alloc(forged.length ?? 128);
  file.writeUInt32LE(LOCAL_SIGNATURE, 0);
  const end = file.length - 22;
  if (forged.zip64Entries !== undefined) {
    const entries = BigInt(forged.zip64Entries);
    const record = end - 20 - 56;
    file.writeUInt32LE(ZIP64_END_SIGNATURE, record);
    file.writeBigUInt64LE(44n, record + 4); // size of the rest of the record
    file.writeUInt16LE(45, record + 12); // version made by: 4.5
    file.writeUInt16LE(45, record + 14); // version needed: 4.5
    file.writeBigUInt64LE(entries, record + 24); // entries on this disk
    file.writeBigUInt64LE(entries, record + 32); // entries in all
    file.writeBigUInt64LE(0n, record + 40); // directory size
    file.writeBigUInt64LE(0n, record + 48); // directory offset
    const locator = end - 20;
    file.writeUInt32LE(ZIP64_LOCATOR_SIGNATURE, locator);
    file.writeBigUInt64LE(BigInt(record), locator + 8);
    file.writeUInt32LE(1, locator + 16); // disks in all
  }
  file.writeUInt32LE(EOCD_SIGNATURE, end);
  const count = forged.zip64Markers ? 0xffff : forged.entries;
  file.writeUInt16LE(count, end + 8);
  file.writeUInt16LE(count, end + 10);
  file.writeUInt32LE(forged.zip64Markers ? 0xffffffff : (forged.directorySize ?? 0), end + 12);
  file.writeUInt32LE(forged.zip64Markers ? 0xffffffff : (forged.directoryOffset ?? 0), end + 16);
  return file;
}
