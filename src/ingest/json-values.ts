/** One top-level value of a JSON text, with where its parts start. */
export interface JsonValue {
  value: unknown;
  /** 1-based line where the value starts. */
  line: number;
  /**
   * Lines where the elements of its arrays start, by the array's depth: `[0]` the elements
   * of the value itself when it is an array, `[1]` those of the arrays directly inside it
   * (the pages of a list of pages, a search result's `items`), one after another.
   */
  elementLines: [number[], number[]];
}

export type JsonValues =
  | { ok: true; values: JsonValue[] }
  | { ok: false; message: string; line: number };

/**
 * The values of a JSON text: one, or several written one after another — JSON Lines, or
 * the pages `gh api --paginate` writes without `--slurp`. Each value is parsed by
 * `JSON.parse` (the scan below only finds where values and array elements start, in one
 * pass); the first that is not JSON is the error, with its line.
 */
export function readJsonValues(text: string): JsonValues {
  const spans = scan(text);
  const values: JsonValue[] = [];
  for (const span of spans) {
    try {
      values.push({
        value: JSON.parse(text.slice(span.start, span.end)),
        line: span.line,
        elementLines: span.elementLines,
      });
    } catch (error) {
      const message = (error as Error).message;
      const position = /position (\d+)/.exec(message)?.[1];
      return {
        ok: false,
        message: message.replace(/ in JSON at position \d+.*$/, ''),
        line: lineOfIndex(text, position === undefined ? span.end : span.start + Number(position)),
      };
    }
  }
  return { ok: true, values };
}

/** A value's place in the text: where it starts and ends (an index past its end). */
interface Span extends Omit<JsonValue, 'value'> {
  start: number;
  end: number;
}

/**
 * Where each top-level value starts and ends, and where the elements of its arrays at
 * depths 0 and 1 start. It does not check the JSON: a value whose brackets never close runs
 * to the end, and `JSON.parse` reports it.
 */
function scan(text: string): Span[] {
  const spans: Span[] = [];
  // The open arrays and objects, innermost last.
  const stack: string[] = [];
  let current: Span | undefined;
  let line = 1;
  let inString = false;
  // After `[` or `,` in an array at depth 0 or 1: the next token starts an element.
  let expecting = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      continue;
    }
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') {
        inString = false;
        if (stack.length === 0 && current) current = close(spans, current, i + 1);
      }
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') continue;
    if (current === undefined)
      current = { start: i, end: text.length, line, elementLines: [[], []] };
    const depth = stack.length - 1;
    if (expecting && ch !== ']') current.elementLines[depth as 0 | 1].push(line);
    expecting = false;
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      stack.push(ch);
      expecting = ch === '[' && stack.length <= 2;
    } else if (ch === ']' || ch === '}') {
      stack.pop();
      if (stack.length === 0) current = close(spans, current, i + 1);
    } else if (ch === ',') expecting = stack.length <= 2 && stack[stack.length - 1] === '[';
    else if (stack.length === 0) {
      // A bare number, true, false or null: it runs to the next space or bracket.
      let end = i + 1;
      while (end < text.length && !/[\s[\]{}",]/.test(text[end] as string)) end++;
      i = end - 1;
      current = close(spans, current, end);
    }
  }
  if (current) spans.push(current);
  return spans;
}

const close = (spans: Span[], span: Span, end: number): undefined => {
  spans.push({ ...span, end });
  return undefined;
};

const lineOfIndex = (text: string, index: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
};
