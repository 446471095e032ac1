// Splits a «Responsable» cell into the offices it names, as written. People put several in one cell on separate
// lines, with «;», or with « y » — but « y » also belongs to names («Secretaría de Tránsito y Transporte
// Municipal»), so it splits only when what follows starts like another office does. Reconciling the texts to
// dependencias («OPGI.» and «OPGI») is not done here: the texts stay as written.

/** Words an office's name starts with, or an acronym in capitals («OPGI», «UAC», «SSI»). */
const ACRONYM = /^[A-ZÁÉÍÓÚÑ]{2,}(?![\p{L}\p{N}])/u;
const WORD_START =
  /^(?:oficina|secretar[ií]a|subsecretar[ií]a|unidad|direcci[oó]n|departamento|despacho|equipo|todas|todos|l[ií]deres)(?![\p{L}\p{N}])/iu;
const BULLET = /^[•·▪◦*–—-]\s+/;

const startsLikeOffice = (text: string) => WORD_START.test(text) || ACRONYM.test(text);

/** Splits «A y B» where B starts like an office; keeps «Tránsito y Transporte». */
function splitOnY(piece: string): string[] {
  const parts: string[] = [];
  let rest = piece;
  for (;;) {
    let cut = -1;
    for (const match of rest.matchAll(/\s+y\s+/gi)) {
      const after = rest.slice((match.index ?? 0) + match[0].length);
      if (startsLikeOffice(after)) {
        cut = match.index ?? 0;
        parts.push(rest.slice(0, cut));
        rest = after;
        break;
      }
    }
    if (cut < 0) break;
  }
  parts.push(rest);
  return parts;
}

/** The responsables named in one cell, in order, trimmed, without repeats. */
export function splitResponsables(text: string): string[] {
  const found: string[] = [];
  for (const line of text.split(/\n|;/))
    for (const part of splitOnY(line)) {
      const written = part.replace(/\s+/g, " ").trim().replace(BULLET, "").trim();
      if (written !== "" && !found.includes(written)) found.push(written);
    }
  return found;
}
