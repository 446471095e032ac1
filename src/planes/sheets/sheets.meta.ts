// The quantity and unit of a meta, where its text has one: «1 informe de evaluación.» → 1 «informe de
// evaluación»; «100% de mapas…» → 100 «%»; «Un (1) informe…» → 1; «15.000 ejemplares…» → 15000 (es-CO writes
// the thousands with a dot); «Al menos 50 encuestas aplicadas.» → 50 «encuestas aplicadas». «Señalética
// instalada.» has none. The unit is the noun phrase after the number: its first words, with one «de …»
// complement right after the noun («informe de evaluación») and participles joined by «y» («elaborados y
// distribuidos»), up to the next preposition, article-led complement or end of clause; at most 60 characters.

export interface MetaQuantity {
  quantity: number | null;
  unit: string | null;
}

const NONE: MetaQuantity = { quantity: null, unit: null };
const MAX_UNIT_CHARS = 60;

/** Words before the number that do not change it: «Al menos», «Mínimo», «el», «un 90 %»… */
const QUALIFIER =
  /^(?:al menos|por lo menos|como m[ií]nimo|m[ií]nimo|m[aá]ximo|hasta|m[aá]s de|menos de|cerca de|aproximadamente|lograr|alcanzar|el|la|los|las)\s+/i;
const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  una: 1,
  uno: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  veinte: 20,
  cien: 100,
};
const WORD_NUMBER = new RegExp(`^(${Object.keys(NUMBER_WORDS).join("|")})(?![\\p{L}\\p{N}])\\s*`, "iu");
/** «15.000», «94,4», «2.5», «1.234,5». */
const DIGITS = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:[,.](\d+))?(?!\d)/;
const PERCENT = /^(?:%|por\s*ciento\b)/i;

/** Words that end the unit: prepositions, conjunctions and the like. */
const STOP = new Set(
  "a al ante bajo cada como con contra desde durante en entre hacia hasta mediante o para por que según segun sin sobre tras u e".split(
    " ",
  ),
);
const ARTICLES = new Set("el la las los lo un una unos unas su sus".split(" "));
const PARTICIPLE = /(?:ad|id)[oa]s?[.,;:]?$/i;

function unitOf(rest: string): string | null {
  const words = rest.split(/\s+/).filter((word) => word !== "");
  const unit: string[] = [];
  let complements = 0;
  for (let at = 0; at < words.length; at++) {
    const word = words[at] ?? "";
    if (word.startsWith("(")) break;
    const bare = word.replace(/[.,;:]+$/, "");
    const lower = bare.toLowerCase();
    const next = (words[at + 1] ?? "").toLowerCase();
    if (STOP.has(lower)) break;
    if (lower === "de" || lower === "del") {
      // One complement, right after the first or second word, not article-led («nivel de la Administración»).
      if (complements > 0 || unit.length === 0 || unit.length > 2 || lower === "del" || ARTICLES.has(next))
        break;
      complements++;
    }
    if (lower === "y" && !PARTICIPLE.test(next)) break;
    if ([...unit, bare].join(" ").length > MAX_UNIT_CHARS) break;
    if (bare !== "") unit.push(bare);
    if (bare !== word) break; // a comma or full stop ends the clause
  }
  // A unit never ends on a joining word.
  while (unit.length > 0 && /^(?:de|y)$/i.test(unit.at(-1) ?? "")) unit.pop();
  return unit.length > 0 ? unit.join(" ") : null;
}

function numberOf(match: RegExpExecArray): number {
  const whole = Number((match[1] ?? "0").replace(/\./g, ""));
  return match[2] ? Number(`${whole}.${match[2]}`) : whole;
}

export function parseMeta(text: string | undefined): MetaQuantity {
  if (!text) return NONE;
  let rest = text.replace(/\s+/g, " ").trim();
  for (let guard = 0; guard < 5 && QUALIFIER.test(rest); guard++) rest = rest.replace(QUALIFIER, "");
  // «un 90 %»: the article before a figure.
  rest = rest.replace(/^un[oa]?\s+(?=\d)/i, "");
  let quantity: number | undefined;
  const digits = DIGITS.exec(rest);
  if (digits) {
    quantity = numberOf(digits);
    rest = rest.slice(digits[0].length);
  } else {
    const word = WORD_NUMBER.exec(rest);
    if (word) {
      quantity = NUMBER_WORDS[(word[1] ?? "").toLowerCase()];
      rest = rest.slice(word[0].length);
      // «Un (1) informe»: the figure in brackets is the one meant.
      const bracket = /^\((\d+)\)\s*/.exec(rest);
      if (bracket) {
        quantity = Number(bracket[1]);
        rest = rest.slice(bracket[0].length);
      }
    } else {
      // «(1) un registro»: the figure first, the word after it says the same.
      const bracket = /^\((\d+)\)\s*(?:un[oa]?\s+)?/i.exec(rest);
      if (bracket) {
        quantity = Number(bracket[1]);
        rest = rest.slice(bracket[0].length);
      }
    }
  }
  if (quantity === undefined || !Number.isFinite(quantity)) return NONE;
  rest = rest.trim();
  if (PERCENT.test(rest)) return { quantity, unit: "%" };
  return { quantity, unit: unitOf(rest) };
}
