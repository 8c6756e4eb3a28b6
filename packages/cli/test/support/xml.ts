/**
 * A small, strict XML 1.0 well-formedness check for the JUnit reports (no XML parser is a
 * dependency): one root element, properly nested and closed tags, quoted and unique
 * attributes, only the five predefined entities and character references, no `<` or bare `&`
 * in text or attribute values, an optional XML declaration first. Returns the problems found
 * (empty when well-formed) and the element tree, for assertions.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

export function checkXml(xml: string): { problems: string[]; root?: XmlElement } {
  const problems: string[] = [];
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

  const decode = (raw: string, where: string): string => {
    if (raw.includes('<')) problems.push(`${where}: "<" must be escaped`);
    return raw.replace(/&([^;]*);?/g, (match, entity: string) => {
      if (!match.endsWith(';')) {
        problems.push(`${where}: bare "&"`);
        return match;
      }
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (entity in named) return named[entity] ?? '';
      const ref = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(entity);
      if (ref === null) {
        problems.push(`${where}: unknown entity &${entity};`);
        return match;
      }
      return String.fromCodePoint(Number.parseInt(ref[1] ?? ref[2] ?? '0', ref[1] ? 16 : 10));
    });
  };

  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) return { problems: ['unterminated XML declaration'] };
    if (
      !/^<\?xml version="1\.[0-9]"( encoding="[A-Za-z0-9._-]+")?( standalone="(yes|no)")?\s*\?>$/.test(
        xml.slice(0, end + 2),
      )
    ) {
      problems.push('malformed XML declaration');
    }
    i = end + 2;
  }
  for (const ch of xml) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) {
      problems.push(`character U+${code.toString(16)} is not allowed in XML`);
    }
  }
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    const text = xml.slice(i, textEnd);
    const top = stack.at(-1);
    if (top === undefined) {
      if (text.trim() !== '')
        problems.push(`text outside the root element: ${JSON.stringify(text.trim())}`);
    } else {
      if (text.includes('>') && text.includes(']]>')) problems.push('"]]>" in text');
      top.text += decode(text, `<${top.name}> text`);
    }
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end < 0) return { problems: [...problems, 'unterminated comment'] };
      i = end + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) return { problems: [...problems, 'unterminated tag'] };
    const tag = xml.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const name = tag.slice(1).trim();
      const open = stack.pop();
      if (open?.name !== name) problems.push(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      i = gt + 1;
      continue;
    }
    const selfClosing = tag.endsWith('/');
    const body = selfClosing ? tag.slice(0, -1) : tag;
    const nameMatch = NAME.exec(body);
    if (nameMatch === null) {
      problems.push(`bad tag <${tag}>`);
      i = gt + 1;
      continue;
    }
    const name = nameMatch[0];
    const attributes: Record<string, string> = {};
    let rest = body.slice(name.length);
    while (rest.trim() !== '') {
      const attr = /^\s+([A-Za-z_:][-A-Za-z0-9_:.]*)="([^"]*)"/.exec(rest);
      if (attr === null) {
        problems.push(`bad attributes in <${name}>: ${JSON.stringify(rest)}`);
        break;
      }
      const [whole, key = '', value = ''] = attr;
      if (key in attributes) problems.push(`duplicate attribute ${key} in <${name}>`);
      attributes[key] = decode(value, `${name}@${key}`);
      rest = rest.slice(whole.length);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else if (root === undefined) root = element;
    else problems.push(`second root element <${name}>`);
    if (!selfClosing) stack.push(element);
    i = gt + 1;
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.map((e) => e.name).join('>, <')}>`);
  if (root === undefined) problems.push('no root element');
  return root === undefined ? { problems } : { problems, root };
}
