// Random secrets: session tokens, CSRF tokens and human-typable initial credentials.

import { randomFillSync } from "node:crypto";
import { generateRandomString, type RandomReader } from "@oslojs/crypto/random";
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

// Random bytes from the system CSPRNG, drawn 4 kB at a time (one call per request costs a system call,
// which showed as 8 % of the login page's time); each byte is handed out once.
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

export function randomBytes(length: number): Uint8Array {
  if (length > pool.length) return randomFillSync(new Uint8Array(length));
  if (poolOffset + length > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = new Uint8Array(pool.subarray(poolOffset, poolOffset + length));
  pool.fill(0, poolOffset, poolOffset + length);
  poolOffset += length;
  return bytes;
}

const random: RandomReader = {
  read: (bytes) => {
    bytes.set(randomBytes(bytes.length));
  },
};

/** 160 random bits, base32: for session and CSRF cookies. */
export function generateToken(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

/** What the database stores instead of a token. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * What the database stores instead of a person's initial credential: SHA-256, as for sessions, over
 * `sipap-initial-credential\0<personId>\0<credential>`. A credential is 59 random bits, single-use and
 * expiring within days, so a slow hash (argon2, for secrets people choose and reuse) would buy nothing but
 * CPU: 10,000 of them would take minutes instead of milliseconds. The person's id salts it, so whoever holds
 * a leaked database or backup must search the 2^59 credentials once per person (within its validity)
 * instead of trying each guess against every open credential at once.
 *
 * No credential was ever stored unsalted in a deployment (migration 0010, which retired the argon2 ones, is
 * part of the same unreleased change), so no row needs converting and login checks this format only.
 */
export function hashInitialCredential(personId: string, credential: string): string {
  return encodeHexLowerCase(
    sha256(new TextEncoder().encode(`sipap-initial-credential\0${personId}\0${credential}`)),
  );
}

// No 0/O, 1/I/L: credentials are read from paper and typed on phones.
const CREDENTIAL_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** 12 characters (≈59 bits) in groups of four: "K7MQ-XP9R-2HWT". Single-use, expiring and throttled. */
export function generateInitialCredential(): string {
  const raw = generateRandomString(random, CREDENTIAL_ALPHABET, 12);
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/** Accepts the credential typed with spaces, without dashes or in lower case. */
export function normalizeInitialCredential(typed: string): string {
  if (!/^[A-Za-z0-9\s-]+$/.test(typed)) return typed;
  const raw = typed.toUpperCase().replace(/[\s-]/g, "");
  return raw.length === 12 ? `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}` : typed;
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.length !== right.length) return false;
  let diff = 0;
  for (let i = 0; i < left.length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
