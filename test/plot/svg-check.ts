/** A small well-formedness check for the SVG the plots emit: balanced tags and no stray `<`, `&` in text. */
export function checkWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(svg); m !== null; m = tag.exec(svg)) {
    const text = svg.slice(last, m.index);
    if (/[<>]/.test(text) || /&(?!(amp|lt|gt|quot|#39);)/.test(text)) throw new Error(`unescaped text: ${text}`);
    last = tag.lastIndex;
    const [, close, name, attrs, self] = m;
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(attrs)) throw new Error(`unescaped attribute: ${attrs}`);
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (!self) stack.push(name);
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(", ")}`);
}
