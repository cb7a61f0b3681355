/**
 * Mermaid: an `erDiagram` of the objects (with their attributes) and relationships. Entities get
 * safe ids (`o1`, `o2`…) with the object's name as their quoted label; attribute names become
 * identifiers with the real name in the comment. A NOM cell and its mirror are one line, labelled
 * with both phrases ("has / belongs to"); the markers read the cardinality of the cell from the
 * object earlier in the list: `||` one, `}o`/`o{` many, `|{` many and required.
 */
import {
  type Attribute,
  type Cardinality,
  type Id,
  objectsInOrder,
  type Relationship,
  sortByOrder,
} from '@orca/shared/domain';
import {
  type ExportFormatFunction,
  exportedModel,
  exportSubtitle,
} from './export-options';

/**
 * Text inside a Mermaid double-quoted string: no double quotes, no line breaks, and no angle
 * brackets (Mermaid sanitises anything between a `<` and a later `>` as a tag, across lines).
 */
function quotedText(text: string): string {
  return text
    .replace(/"/g, "'")
    .replace(/</g, '\u2039')
    .replace(/>/g, '\u203A')
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
}

/** An entity label: the parser refuses `%` and `\` there, so they become their full-width twins. */
function labelText(text: string): string {
  return quotedText(text).replace(/%/g, '\uFF05').replace(/\\/g, '\uFF3C');
}

/** An attribute comment: two `~` there would open a generic type, so `~` becomes its full-width twin. */
function commentText(text: string): string {
  return quotedText(text).replace(/~/g, '\uFF5E');
}

/** An attribute name or type as a Mermaid identifier: a letter, then letters, digits, `_` and `-`. */
function identifier(text: string, fallback: string): string {
  const word = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/^[^A-Za-z]+/, '')
    .replace(/_+$/, '');
  // PK, FK and UK are key markers, not names.
  return /^(pk|fk|uk)$/i.test(word) ? `${word}_` : word || fallback;
}

const LEFT: Readonly<Record<Cardinality, string>> = {
  'one-to-one': '||',
  'one-to-many': '||',
  'many-to-one': '}o',
  'many-to-many': '}o',
};

function rightMarker(relationship: Relationship): string {
  const many = relationship.cardinality.endsWith('-many');
  if (many) return relationship.required ? '|{' : 'o{';
  return relationship.required ? '||' : 'o|';
}

function attributeLine(
  attribute: Attribute,
  objectName: (id: Id | null) => string | undefined,
): string {
  const keys = attribute.type === 'reference' ? ' FK' : '';
  const comment = [
    attribute.name,
    attribute.kind,
    attribute.required ? 'required' : '',
    attribute.type === 'reference'
      ? `refers to ${objectName(attribute.referencedObjectId) ?? 'nothing yet'}`
      : '',
    attribute.type === 'list' && attribute.listValues.length > 0
      ? attribute.listValues.join(', ')
      : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `    ${identifier(attribute.type, 'text')} ${identifier(attribute.name, 'attribute')}${keys} "${commentText(comment)}"`;
}

export const exportMermaid: ExportFormatFunction = async (model, options) => {
  options.onProgress?.(0);
  const view = exportedModel(model, options);
  const objects = objectsInOrder(view);
  const entityId = new Map(objects.map((o, index) => [o.id, `o${index + 1}`]));
  const rank = new Map(objects.map((o, index) => [o.id, index]));
  const objectName = (id: Id | null) =>
    id !== null && Object.hasOwn(view.objects, id)
      ? view.objects[id]?.name
      : undefined;
  const attributes = new Map<Id, Attribute[]>();
  for (const attribute of sortByOrder(Object.values(view.attributes))) {
    const list = attributes.get(attribute.objectId);
    if (list) list.push(attribute);
    else attributes.set(attribute.objectId, [attribute]);
  }

  const lines = [
    '---',
    `title: '${quotedText(options.projectName).replace(/'/g, "''")}'`,
    '---',
    'erDiagram',
    `    %% ${quotedText(exportSubtitle(options))}`,
  ];
  for (const object of objects) {
    const own = attributes.get(object.id) ?? [];
    const head = `    ${entityId.get(object.id)}["${labelText(object.name) || 'Unnamed'}"]`;
    if (own.length === 0) lines.push(head);
    else
      lines.push(
        `${head} {`,
        ...own.map((attribute) => attributeLine(attribute, objectName)),
        '    }',
      );
  }

  const byPair = new Map<string, Relationship>();
  for (const r of Object.values(view.relationships))
    byPair.set(`${r.fromObjectId}\u0000${r.toObjectId}`, r);
  const drawn = new Set<Relationship>();
  const relationships = Object.values(view.relationships).sort(
    (a, b) =>
      Math.min(rank.get(a.fromObjectId) ?? 0, rank.get(a.toObjectId) ?? 0) -
        Math.min(rank.get(b.fromObjectId) ?? 0, rank.get(b.toObjectId) ?? 0) ||
      Math.max(rank.get(a.fromObjectId) ?? 0, rank.get(a.toObjectId) ?? 0) -
        Math.max(rank.get(b.fromObjectId) ?? 0, rank.get(b.toObjectId) ?? 0),
  );
  for (const relationship of relationships) {
    if (drawn.has(relationship)) continue;
    const mirror = byPair.get(
      `${relationship.toObjectId}\u0000${relationship.fromObjectId}`,
    );
    // Draw each pair from the object earlier in the list.
    const [first, second] =
      mirror &&
      mirror !== relationship &&
      (rank.get(mirror.fromObjectId) ?? 0) <
        (rank.get(relationship.fromObjectId) ?? 0)
        ? [mirror, relationship]
        : [relationship, mirror];
    drawn.add(first);
    if (second) drawn.add(second);
    const label = [first.label || 'relates to', second?.label]
      .filter(
        (text, index, all): text is string =>
          Boolean(text) && (index === 0 || text !== all[0]),
      )
      .join(' / ');
    lines.push(
      `    ${entityId.get(first.fromObjectId)} ${LEFT[first.cardinality]}--${rightMarker(first)} ${entityId.get(first.toObjectId)} : "${quotedText(label) || 'relates to'}"`,
    );
  }
  options.onProgress?.(100);
  return `${lines.join('\n')}\n`;
};
