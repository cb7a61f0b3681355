// Builds a large ORCA interchange document (the fixtures' format) for benchmarks:
// `objects` objects with ~10 attributes and ~8 CTAs each, `roles` roles, and a dense Nested
// Object Matrix (each object related to the next `fanOut` objects, both directions).
// Deterministic: the same arguments give the same document.

const CARDINALITIES = [
  'one-to-one',
  'one-to-many',
  'many-to-one',
  'many-to-many',
];
const MIRROR = {
  'one-to-one': 'one-to-one',
  'one-to-many': 'many-to-one',
  'many-to-one': 'one-to-many',
  'many-to-many': 'many-to-many',
};
const TYPES = ['text', 'number', 'date', 'boolean', 'image', 'list'];
const VERBS = [
  'create',
  'view',
  'edit',
  'archive',
  'share',
  'comment on',
  'approve',
  'export',
];
const CRUD = [
  'create',
  'read',
  'update',
  'delete',
  'other',
  'read',
  'update',
  'other',
];
const PRIORITIES = ['now', 'next', 'later'];

export function generateModel({
  objects = 100,
  roles = 4,
  attributesPerObject = 10,
  ctasPerObject = 8,
  fanOut = 6,
} = {}) {
  const doc = {
    format: 'orca-project',
    version: 1,
    project: {
      name: `Stress model (${objects} objects)`,
      description: 'Generated for benchmarks.',
    },
    roles: [],
    objects: [],
    relationships: [],
    attributes: [],
    ctas: [],
  };
  for (let r = 0; r < roles; r++)
    doc.roles.push({
      key: `role-${r}`,
      name: `Role ${r + 1}`,
      description: `Generated role ${r + 1}`,
    });
  for (let o = 0; o < objects; o++) {
    doc.objects.push({
      key: `object-${o}`,
      name: `Object ${o + 1}`,
      definition: `Generated object number ${o + 1}, with a definition long enough to look like a real one written in a workshop.`,
      synonyms: [`Thing ${o + 1}`],
      examples: [`Example ${o + 1}a`, `Example ${o + 1}b`],
      states: [{ name: 'Draft' }, { name: 'Active' }, { name: 'Archived' }],
      priority: PRIORITIES[o % 3],
      score: (o % 10) + 1,
    });
    for (let a = 0; a < attributesPerObject; a++) {
      const type = TYPES[a % TYPES.length];
      doc.attributes.push({
        object: `object-${o}`,
        name: `Attribute ${a + 1}`,
        type,
        kind: a % 3 === 0 ? 'metadata' : 'core',
        required: a % 2 === 0,
        ...(type === 'list' ? { values: ['Low', 'Medium', 'High'] } : {}),
      });
    }
    for (let c = 0; c < ctasPerObject; c++) {
      doc.ctas.push({
        role: `role-${c % roles}`,
        object: `object-${o}`,
        verb: VERBS[c % VERBS.length],
        crud: CRUD[c % CRUD.length],
        primary: c === 0,
        preconditions: 'Signed in',
        postconditions: c % 4 === 2 ? 'Object is Active' : '',
      });
    }
  }
  for (let o = 0; o < objects; o++) {
    for (let step = 1; step <= fanOut && o + step < objects; step++) {
      const cardinality = CARDINALITIES[(o + step) % 4];
      const from = `object-${o}`;
      const to = `object-${o + step}`;
      doc.relationships.push({
        from,
        to,
        label: 'has',
        cardinality,
        mechanics: 'User adds',
        sort: 'name',
        filter: '',
        dependency: '',
      });
      doc.relationships.push({
        from: to,
        to: from,
        label: 'belongs to',
        cardinality: MIRROR[cardinality],
        mechanics: '',
        sort: '',
        filter: '',
        dependency: '',
      });
    }
  }
  return doc;
}
