/**
 * How a JSON file is laid out, so a rewrite keeps the owner's style: the indent unit (tabs or N spaces, from the
 * first indented line), and whether the file ends with a newline. Key order survives on its own: JSON.parse
 * keeps it, and new keys are added at the end.
 */
export interface JsonFileStyle {
  indent: string | number;
  finalNewline: boolean;
}

export const detectJsonStyle = (text: string): JsonFileStyle => {
  const indented = /\n([ \t]+)\S/.exec(text);
  const unit = indented?.[1] ?? '  ';
  return { indent: unit.startsWith('\t') ? '\t' : unit.length, finalNewline: text === '' || text.endsWith('\n') };
};

export const formatJson = (value: unknown, style: JsonFileStyle): string =>
  `${JSON.stringify(value, null, style.indent)}${style.finalNewline ? '\n' : ''}`;
