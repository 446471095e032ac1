// Public validity check of a card (by QR or typed code), and the Ed25519 signature on the card's back
// that lets anyone check offline that the entity issued it.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import type { Db } from "../../db/client.ts";
import { bogotaDay } from "../../shared/time.ts";
import { verdictFor } from "../cards/cards.rules.ts";
import * as repo from "./verification.repository.ts";
import { type CardClaims, parsePayload, publicName, signedPart } from "./verification.rules.ts";

/** What the public page shows: the verdict and the least data needed to match the bearer. */
export async function verifyCard(db: Db, at: Date, code: string) {
  const row = await repo.findCardForVerification(db, code);
  const verdict = row && verdictFor(row, bogotaDay(at));
  if (!row || !verdict) return undefined;
  return {
    verdict,
    name: publicName(row.firstNames, row.lastNames),
    dependencia: row.dependencia ?? "",
    validUntil: row.validUntil,
    portraitKey: row.portraitKey,
  };
}

interface LoadedKey {
  kid: string;
  privateKey: KeyObject;
}

// Per process, but only ever holding what the database says: every instance loads the same key.
const loadedKeys = new WeakMap<Db, Promise<LoadedKey>>();

/** The entity's signing key, made on first use and shared by every instance through the database. */
function signingKey(db: Db, at: Date): Promise<LoadedKey> {
  let key = loadedKeys.get(db);
  if (!key) {
    key = repo
      .findOrCreateKey(db, () => {
        const pair = generateKeyPairSync("ed25519");
        return {
          kid: keyId(pair.publicKey),
          privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
          publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
          createdAt: at,
        };
      })
      .then((row) => ({ kid: row.kid, privateKey: createPrivateKey(row.privateKeyPem) }));
    loadedKeys.set(db, key);
    key.catch(() => loadedKeys.delete(db));
  }
  return key;
}

/** Key id: the first 8 bytes of the raw public key, base64url. */
function keyId(publicKey: KeyObject): string {
  const x = publicKey.export({ format: "jwk" }).x ?? "";
  return Buffer.from(x, "base64url").subarray(0, 8).toString("base64url");
}

/** The payload printed as the QR on the card's back: "SIPAP1.<claims>.<Ed25519 signature>". */
export async function signCard(
  db: Db,
  at: Date,
  card: { code: string; firstNames: string; lastNames: string; dependencia: string; validUntil: string },
): Promise<string> {
  const key = await signingKey(db, at);
  const claims: CardClaims = {
    k: key.kid,
    c: card.code,
    n: publicName(card.firstNames, card.lastNames),
    d: card.dependencia,
    v: card.validUntil,
  };
  const signed = signedPart(claims);
  return `${signed}.${sign(null, Buffer.from(signed), key.privateKey).toString("base64url")}`;
}

/** The published keys, as a JWK set (what an offline checker downloads once). */
export async function publishedKeys(db: Db) {
  return {
    keys: (await repo.listKeys(db)).map((row) => ({
      ...createPublicKey(row.publicKeyPem).export({ format: "jwk" }),
      kid: row.kid,
      use: "sig",
      alg: "EdDSA",
    })),
  };
}

/** Checks a payload against a JWK set, as an offline checker would. Returns the claims when valid. */
export function verifyPayload(payload: string, jwks: { keys: { kid: string }[] }): CardClaims | undefined {
  const parsed = parsePayload(payload);
  const jwk = parsed && jwks.keys.find((k) => k.kid === parsed.claims.k);
  if (!parsed || !jwk) return undefined;
  const publicKey = createPublicKey({ key: jwk as never, format: "jwk" });
  return verify(null, Buffer.from(parsed.signed), publicKey, parsed.signature) ? parsed.claims : undefined;
}
