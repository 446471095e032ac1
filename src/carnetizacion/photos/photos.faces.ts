// Face detection for photo quality only (how many faces, where, how turned); never identification.
// @vladmandic/human's node-wasm build on @tensorflow/tfjs-backend-wasm, models loaded from node_modules:
// nothing is downloaded at run time.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface DetectedFace {
  /** Tight face box from the 468-point mesh: x, y, width, height in pixels. */
  box: [number, number, number, number];
  score: number;
  yaw: number;
  pitch: number;
  roll: number;
}

export interface FaceDetector {
  /** rgb: packed 3-channel pixels, row by row. */
  detect(rgb: Buffer, width: number, height: number): Promise<DetectedFace[]>;
}

interface HumanFace {
  box: [number, number, number, number];
  boxScore: number;
  mesh?: [number, number, number?][];
  rotation?: { angle?: { yaw: number; pitch: number; roll: number } };
}
interface HumanInstance {
  load(): Promise<void>;
  detect(input: unknown): Promise<{ error?: string | null; face: HumanFace[] }>;
  tf: {
    tensor4d(values: Uint8Array, shape: [number, number, number, number], dtype: "int32"): unknown;
    dispose(tensor: unknown): void;
  };
  config: { face: { detector: { scale: number } } };
}

const require = createRequire(import.meta.url);
// The package's "node" export needs the native tfjs-node (a binary download): load the wasm build by path.
const humanDist = path.dirname(require.resolve("@vladmandic/human"));
const modelBaseUrl = `${pathToFileURL(path.join(humanDist, "..", "models")).href}/`;
const wasmDir = `${path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm"))}${path.sep}`;

/** tfjs reads model files through fetch, which refuses file:// URLs in Node: serve those from disk. */
async function withFileFetch<T>(load: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith("file://")) return realFetch(input, init);
    return new Response(await readFile(fileURLToPath(url)));
  };
  try {
    return await load();
  } finally {
    globalThis.fetch = realFetch;
  }
}

const degrees = (radians: number) => Math.round(((radians * 180) / Math.PI) * 10) / 10;

function meshBox(mesh: [number, number, number?][]): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, 0, 0];
  for (const [x, y] of mesh) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [Math.round(x0), Math.round(y0), Math.round(x1 - x0), Math.round(y1 - y0)];
}

async function createDetector(): Promise<FaceDetector> {
  const { Human } = require(path.join(humanDist, "human.node-wasm.js")) as {
    Human: new (config: object) => HumanInstance;
  };
  const human = new Human({
    backend: "wasm",
    wasmPath: wasmDir,
    modelBasePath: modelBaseUrl,
    debug: false,
    warmup: "none",
    cacheModels: false,
    // Photos, not video: never reuse a previous result.
    cacheSensitivity: 0,
    skipAllowed: false,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      // The default finds one face only; rotation aligns the crop so roll is measured right.
      detector: { maxDetected: 10, minConfidence: 0.3, rotation: true },
      // The mesh gives the angles and a tight box, and rejects false faces on clothes.
      mesh: { enabled: true },
      attention: { enabled: false },
      iris: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
    },
  });
  await withFileFetch(() => human.load());
  // One photo at a time: the wasm backend runs on one thread anyway.
  let queue: Promise<unknown> = Promise.resolve();
  const detectNow = async (rgb: Buffer, width: number, height: number) => {
    const pixels = new Uint8Array(rgb.buffer, rgb.byteOffset, rgb.length);
    const input = human.tf.tensor4d(pixels, [1, height, width, 3], "int32");
    try {
      const result = await human.detect(input);
      if (result.error) throw new Error(`face detection: ${result.error}`);
      return result.face.map((face): DetectedFace => {
        const angle = face.rotation?.angle ?? { yaw: 0, pitch: 0, roll: 0 };
        return {
          box: face.mesh && face.mesh.length >= 468 ? meshBox(face.mesh) : face.box,
          score: Math.round(face.boxScore * 1000) / 1000,
          yaw: degrees(angle.yaw),
          pitch: degrees(angle.pitch),
          roll: degrees(angle.roll),
        };
      });
    } finally {
      human.tf.dispose(input);
    }
  };
  return {
    detect(rgb, width, height) {
      if (rgb.length !== width * height * 3) throw new Error("expected packed RGB pixels");
      const run = queue.then(() => detectNow(rgb, width, height));
      queue = run.catch(() => {});
      return run;
    },
  };
}

let shared: Promise<FaceDetector> | undefined;
/** The process-wide detector, loaded on first use (~0.3 s). */
export function faceDetector(): Promise<FaceDetector> {
  shared ??= createDetector();
  return shared;
}
