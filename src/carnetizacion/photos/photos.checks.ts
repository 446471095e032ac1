// The automatic photo checks: each one a pass or fail, the measured value, and a sentence in plain
// Spanish that tells the person what to do. Pure: it reads measurements, never pixels.
import type { Measurements } from "./photos.image.ts";
import { MAX_PHOTO_BYTES } from "./photos.rules.ts";

export interface CheckResult {
  id: string;
  ok: boolean;
  value: string | number | null;
  message: string;
}

/** 3 × 4 cm printed at 300 dpi. */
export const MIN_CROP = { width: 354, height: 472 } as const;

const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits;

export function sizeCheck(bytes: number): CheckResult {
  const ok = bytes <= MAX_PHOTO_BYTES;
  return {
    id: "tamano_archivo",
    ok,
    value: bytes,
    message: ok
      ? "El archivo pesa menos de 10 MB."
      : "El archivo pesa más de 10 MB. Envíe la foto en un tamaño menor (por ejemplo, la que toma la cámara del celular sin editar).",
  };
}

export function undecodableCheck(reason: "format" | "corrupt" | "too_many_pixels"): CheckResult {
  const message = {
    format: "No pudimos abrir el archivo como una foto. Envíe una foto JPEG, PNG o WebP.",
    corrupt:
      "El archivo de la foto está dañado o incompleto. Tómela o descárguela de nuevo y envíela otra vez.",
    too_many_pixels:
      "La imagen es demasiado grande para procesarla. Envíe una foto de menos de 50 megapíxeles.",
  }[reason];
  return { id: "legible", ok: false, value: reason, message };
}

export function evaluateChecks(m: Measurements): CheckResult[] {
  const results: CheckResult[] = [
    { id: "legible", ok: true, value: m.format, message: "La foto se pudo abrir." },
  ];
  const cropSize = `${Math.round(m.crop.width)}×${Math.round(m.crop.height)}`;
  const sharpEnough = m.crop.width >= MIN_CROP.width && m.crop.height >= MIN_CROP.height;
  results.push({
    id: "resolucion",
    ok: sharpEnough,
    value: cropSize,
    message: sharpEnough
      ? "La resolución alcanza para imprimir el carnet."
      : "La foto tiene muy poca resolución para imprimir el carnet. Tómela de nuevo con la cámara, más cerca, sin recortarla ni reducirla.",
  });

  const count = m.faces.length;
  results.push({
    id: "un_rostro",
    ok: count === 1,
    value: count,
    message:
      count === 1
        ? "Se ve un rostro."
        : count === 0
          ? "No encontramos un rostro. Tómese la foto de frente, con la cara descubierta y bien iluminada."
          : "Se ven varias personas. En la foto debe aparecer solo usted.",
  });
  const [face] = m.faces;
  if (count !== 1 || !face) return results;

  // Frontal faces read pitch ≈ +6° with this detector, so pitch is judged around that.
  const frontal = Math.abs(face.yaw) <= 15 && Math.abs(face.roll) <= 12 && Math.abs(face.pitch - 6) <= 15;
  results.push({
    id: "de_frente",
    ok: frontal,
    value: `giro ${round(face.yaw)}°, inclinación ${round(face.roll)}°, cabeceo ${round(face.pitch)}°`,
    message: frontal
      ? "El rostro está de frente."
      : "Mire de frente a la cámara, con la cabeza derecha (sin girarla ni inclinarla).",
  });

  const headShare = face.box[3] / m.height;
  const headOk = headShare >= 0.15 && headShare <= 0.6;
  results.push({
    id: "tamano_cabeza",
    ok: headOk,
    value: round(headShare, 2),
    message: headOk
      ? "El tamaño de la cabeza es el de una foto de documento."
      : headShare < 0.15
        ? "Se ve muy lejos. Acérquese: la foto debe mostrar la cabeza y los hombros."
        : "Se ve demasiado cerca. Aléjese un poco: deben verse la cabeza completa y los hombros.",
  });

  const centred = m.overflow.top <= 0.08 && m.overflow.sides <= 0.08 && m.overflow.bottom <= 0.2;
  results.push({
    id: "centrado",
    ok: centred,
    value: `arriba ${round(m.overflow.top * 100)} %, lados ${round(m.overflow.sides * 100)} %`,
    message: centred
      ? "La cabeza queda centrada con espacio alrededor."
      : "Su cabeza queda muy cerca del borde. Ubíquese en el centro, con espacio por encima de la cabeza y a los lados.",
  });

  const bg = m.background;
  const white = bg !== undefined && bg.lightness >= 215 && bg.chroma <= 15 && bg.spread <= 25;
  results.push({
    id: "fondo_blanco",
    ok: white,
    value: bg ? `luz ${round(bg.lightness)}, color ${round(bg.chroma)}, variación ${round(bg.spread)}` : null,
    message: white
      ? "El fondo es blanco y parejo."
      : "El fondo debe ser blanco y parejo. Párese frente a una pared blanca, sin objetos ni sombras detrás.",
  });

  const colour = (m.colouredShare ?? 0) >= 0.2 && (m.redHueShare ?? 0) >= 0.15;
  results.push({
    id: "a_color",
    ok: colour,
    value: `${round((m.colouredShare ?? 0) * 100)} % con color, ${round((m.redHueShare ?? 0) * 100)} % en tonos de piel`,
    message: colour
      ? "La foto es a color."
      : "La foto debe ser a color, no en blanco y negro ni en sepia. Envíe la foto original de la cámara, sin filtros.",
  });

  const focused = (m.sharpness ?? 0) >= 30;
  results.push({
    id: "enfoque",
    ok: focused,
    value: round(m.sharpness ?? 0),
    message: focused
      ? "La foto está enfocada."
      : "La foto se ve borrosa. Limpie el lente, sostenga firme la cámara y tómela de nuevo.",
  });

  const light = m.faceLightness ?? 0;
  const exposed = light >= 80 && light <= 215;
  results.push({
    id: "luz",
    ok: exposed,
    value: round(light),
    message: exposed
      ? "La luz es adecuada."
      : light < 80
        ? "La foto está muy oscura. Tómela con más luz, de frente a una ventana o a una lámpara."
        : "La foto está muy clara: el rostro se ve quemado. Evite el flash directo y el sol de frente.",
  });
  return results;
}
