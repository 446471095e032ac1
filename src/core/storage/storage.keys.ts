// One rule for storage keys, shared by every driver, so a key that is safe on disk is the same key on S3
// and no key (a stored file name, a typed id) can reach outside the storage root.

const SEGMENT = /^[a-z0-9][a-z0-9_.-]*$/;
const MAX_KEY_LENGTH = 512;

export class InvalidStorageKeyError extends Error {
  constructor(key: string) {
    super(`invalid storage key: ${JSON.stringify(key.slice(0, 100))}`);
    this.name = "InvalidStorageKeyError";
  }
}

function segmentsAreSafe(segments: string[]): boolean {
  // A segment cannot start with a dot, so "." and ".." are refused along with hidden files.
  return segments.every((s) => SEGMENT.test(s) && !s.includes(".."));
}

/**
 * Refuses `..`, absolute paths, backslashes, empty segments, upper case and anything outside
 * [a-z0-9_.-/]; returns the key unchanged when it is safe.
 */
export function checkKey(key: string): string {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || !segmentsAreSafe(key.split("/")))
    throw new InvalidStorageKeyError(key);
  return key;
}

/** A prefix for list(): the same rule, except that it may be empty or end with "/". */
export function checkPrefix(prefix: string): string {
  if (prefix === "") return prefix;
  const trimmed = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  if (prefix.length > MAX_KEY_LENGTH || !segmentsAreSafe(trimmed.split("/")))
    throw new InvalidStorageKeyError(prefix);
  return prefix;
}
