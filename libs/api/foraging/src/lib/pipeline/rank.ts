/**
 * Turns the raw counts of a project's sources into ranked candidate objects. Rules, in order:
 * 1. spelling variants are one candidate ("work day", "work-day", "workday");
 * 2. a collection compound names its members ("waiting list" → Waiting List entry; "product
 *    catalog" → Product); a bare collection noun stays, flagged;
 * 3. a compound said once folds into its head when the head is also said on its own ("plot
 *    fees" once, "the fee" elsewhere → Fee);
 * 4. a content verb counts for the noun it nominalises when the research uses that noun
 *    ("book" → Booking, "pays" → Payment), or for itself when English uses it as a noun
 *    ("comment" → Comment);
 * 5. examples listed after a noun become its examples, and are flagged as instances;
 * 6. names the text equates ("members, also called gardeners") are grouped as synonyms;
 * 7. flags (collection, time, abstract, generic person, mass, medium, name, example) demote;
 * 8. score = (salience + introduced + acted on) × spread across sources × specificity × demotion;
 *    a noun said on its own also gains where it modifies a compound ("treatment note").
 */
import type {
  ForagingCandidateDto,
  ForagingFlag,
  ForagingMention,
  ForagingOrigin,
} from '@orca/shared/contracts';
import nlp from 'compromise';
import { singularOf } from './analyse';
import type {
  MentionOrigin,
  RawMention,
  SourceAnalysis,
} from './source-analysis';
import {
  ABSTRACT_WORDS,
  COLLECTION_WORDS,
  GENERIC_PEOPLE,
  MEDIUM_WORDS,
  PARTICLES,
  TIME_WORDS,
} from './word-lists';

export interface RankedSource {
  readonly id: string;
  readonly text: string;
  readonly analysis: SourceAnalysis;
}

export interface RankOptions {
  /** How many candidates to return (all are counted). */
  readonly limit?: number;
  /** Mentions per candidate to return. */
  readonly mentions?: number;
}

export interface RankedCandidates {
  readonly candidates: Omit<ForagingCandidateDto, 'inModel'>[];
  readonly total: number;
}

/** How much each flag keeps of a candidate's score (1 = informative only). */
export const DEMOTION: Readonly<Record<ForagingFlag['kind'], number>> = {
  abstract: 0.15,
  time: 0.2,
  collection: 0.3,
  'generic-person': 0.3,
  example: 0.35,
  medium: 0.4,
  attribute: 0.6,
  named: 0.4,
  mass: 0.6,
  'collection-member': 1,
  role: 1,
};
/** A candidate found in k sources of n scores 1 + 0.25·(k − 1): recurring across interviews matters. */
const SPREAD_PER_SOURCE = 0.25;
/** Compound names are specific ("Work Day" over "Day"). */
const COMPOUND_BONUS = 1.1;
/** "There is a harvest share": introduced as a thing of its own. */
const INTRODUCTION_BONUS = 0.5;
/** Per sentence (at most two) in which something is done to it: a thing acted on, not a word in passing. */
const ACTED_BONUS = 0.3;
/** A noun said on its own also counts, at this share, where it modifies another ("treatment note"). */
const MODIFIER_SHARE = 0.5;

interface SourcedMention extends RawMention {
  readonly sourceId: string;
}

interface Working {
  key: string;
  words: string[];
  forms: Map<string, number>;
  count: number;
  weight: number;
  sentences: number;
  introduced: number;
  acted: number;
  actor: number;
  named: number;
  uncountable: number;
  date: number;
  plural: number;
  counted: number;
  /** Mentions as a single word (only those make a head "said on its own"). */
  bare: number;
  sources: Set<string>;
  origins: Set<ForagingOrigin>;
  mentions: SourcedMention[];
  verbs: Map<string, number>;
  actions: Map<string, number>;
  examples: Map<string, number>;
  exampleMentions: number;
  /** Keys of the nouns it was listed as an example of. */
  exampleOf: Set<string>;
  /** Keys of the nouns said to have it, and how often. */
  attributeOf: Map<string, number>;
  /** The collection compound it was derived from ("waiting list"). */
  collection: string | null;
  synonyms: Array<{
    key: string;
    name: string;
    count: number;
    evidence: string;
    sourceId: string;
  }>;
}

const round = (value: number) => Math.round(value * 100) / 100;

function add(map: Map<string, number>, key: string, count: number) {
  map.set(key, (map.get(key) ?? 0) + count);
}

function originOf(origin: MentionOrigin): ForagingOrigin {
  return origin;
}

function emptyWorking(key: string, words: readonly string[]): Working {
  return {
    key,
    words: [...words],
    forms: new Map(),
    count: 0,
    weight: 0,
    sentences: 0,
    introduced: 0,
    acted: 0,
    actor: 0,
    named: 0,
    uncountable: 0,
    date: 0,
    plural: 0,
    counted: 0,
    bare: 0,
    sources: new Set(),
    origins: new Set(),
    mentions: [],
    verbs: new Map(),
    actions: new Map(),
    examples: new Map(),
    exampleMentions: 0,
    exampleOf: new Set(),
    attributeOf: new Map(),
    collection: null,
    synonyms: [],
  };
}

/** Moves everything `from` holds into `into` (mentions keep their own origin unless told). */
function absorb(into: Working, from: Working, origin?: ForagingOrigin): void {
  for (const [form, count] of from.forms) add(into.forms, form, count);
  into.count += from.count;
  into.weight += from.weight;
  into.sentences += from.sentences;
  into.introduced += from.introduced;
  into.acted += from.acted;
  into.actor += from.actor;
  into.named += from.named;
  into.uncountable += from.uncountable;
  into.date += from.date;
  into.plural += from.plural;
  into.counted += from.counted;
  into.bare += from.bare;
  for (const source of from.sources) into.sources.add(source);
  if (origin) into.origins.add(origin);
  else for (const o of from.origins) into.origins.add(o);
  into.mentions.push(
    ...from.mentions.map((m) => (origin ? { ...m, o: origin } : m)),
  );
  for (const [verb, count] of from.verbs) add(into.verbs, verb, count);
  for (const [verb, count] of from.actions) add(into.actions, verb, count);
  for (const [example, count] of from.examples)
    add(into.examples, example, count);
  into.exampleMentions += from.exampleMentions;
  for (const of of from.exampleOf) into.exampleOf.add(of);
  for (const [of, count] of from.attributeOf) add(into.attributeOf, of, count);
  into.synonyms.push(...from.synonyms);
  into.collection ??= from.collection;
}

const LEXICON = (
  nlp.model() as { one: { lexicon: Record<string, string | string[]> } }
).one.lexicon;

/** English uses the verb as a noun too ("a comment", "a post"), by compromise's lexicon. */
function isNounToo(word: string): boolean {
  const entry = LEXICON[word];
  const tags = Array.isArray(entry) ? entry : entry ? [entry] : [];
  return tags.some((tag) => tag === 'Singular' || tag === 'Noun');
}

/** The nouns an infinitive may be nominalised to, most specific first. */
function nominalisations(infinitive: string, gerund: string): string[] {
  const stem = infinitive.replace(/e$/, '');
  return [
    ...new Set([
      `${infinitive}ment`,
      `${infinitive}ion`,
      `${infinitive}ation`,
      `${stem}ation`,
      `${stem}ion`,
      infinitive.replace(/be$/, 'ption'),
      infinitive.replace(/de$/, 'sion'),
      infinitive.replace(/it$/, 'ission'),
      `${stem}al`,
      `${infinitive}al`,
      `${infinitive}ance`,
      `${stem}ance`,
      `${infinitive}ence`,
      `${infinitive}y`,
      gerund,
    ]),
  ].filter((form) => form !== infinitive);
}

function titleWord(word: string): string {
  if (/\p{Lu}/u.test(word)) return word;
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * "work day" → "Work Day"; written mostly as "sign-up" → "Sign-up", as "workday" → "Workday";
 * a collection's members read "Waiting List entry".
 */
function displayName(working: Working): string {
  if (working.words.length > 1 && !working.collection) {
    const top = [...working.forms.entries()].sort(
      (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
    )[0]?.[0];
    if (top && !/\s/.test(top)) {
      const joined = working.words.join(top.includes('-') ? '-' : '');
      return titleWord(joined);
    }
  }
  const words = working.words.map(titleWord);
  if (working.collection && working.words.at(-1) === 'entry')
    return `${words.slice(0, -1).join(' ')} entry`;
  return words.join(' ');
}

function flagsOf(
  working: Working,
  names: ReadonlyMap<string, string>,
): ForagingFlag[] {
  const flags: ForagingFlag[] = [];
  const single = working.words.length === 1;
  const head = (working.words.at(-1) ?? '').toLowerCase();
  const half = working.count / 2;
  const flag = (kind: ForagingFlag['kind'], reason: string) =>
    flags.push({ kind, reason, demotes: DEMOTION[kind] < 1 });
  if (working.collection) {
    flag(
      'collection-member',
      working.words.at(-1) === 'entry'
        ? `From “${working.collection}”: a ${working.collection.split(' ').at(-1)} is a collection, so what is on it is the object. Name the entry better if you can (who or what waits on it?).`
        : `From “${working.collection}”: a ${working.collection.split(' ').at(-1)} of ${head}s, so the ${head} is the object.`,
    );
  }
  if (single && COLLECTION_WORDS.has(head))
    flag(
      'collection',
      `A ${head} is a collection of other things (a list or a landing), not an object: model what it holds.`,
    );
  if (single && (TIME_WORDS.has(head) || working.date > half))
    flag(
      'time',
      'A time word: when something happens is an attribute (a date or a duration), not an object.',
    );
  if (single && ABSTRACT_WORDS.has(head))
    flag(
      'abstract',
      'An abstract or placeholder word: it stands for something the research has not named.',
    );
  if (single && GENERIC_PEOPLE.has(head))
    flag(
      'generic-person',
      'People in general: name the role they play instead.',
    );
  if (
    MEDIUM_WORDS.has(head) &&
    (single || MEDIUM_WORDS.has(working.words[0] ?? ''))
  )
    flag(
      'medium',
      'The medium the work happens in today (a spreadsheet, an email, a page): model what it carries.',
    );
  if (
    working.uncountable > half &&
    working.plural === 0 &&
    working.counted === 0 &&
    !flags.some((f) => f.demotes)
  )
    flag(
      'mass',
      'A mass noun, never counted here: usually an attribute or a quantity, not an object.',
    );
  const attributeMentions = [...working.attributeOf.values()].reduce(
    (a, b) => a + b,
    0,
  );
  if (
    attributeMentions > 0 &&
    attributeMentions >= half &&
    !flags.some((f) => f.demotes)
  ) {
    const of = [...working.attributeOf.keys()].map(
      (key) => names.get(key) ?? key,
    );
    flag(
      'attribute',
      `Said to be something ${of.join(' or ')} has: perhaps an attribute of it rather than an object.`,
    );
  }
  if (working.named > 0 && working.named >= half)
    flag(
      'named',
      'Written as a name: probably one instance of an object, not an object.',
    );
  if (working.exampleMentions > 0 && working.exampleMentions >= half) {
    const of = [...working.exampleOf].map((key) => names.get(key) ?? key);
    flag(
      'example',
      `Listed as an example of ${of.join(' and ') || 'another noun'}: an instance (one of its examples), not an object.`,
    );
  }
  if (working.actor > half && !flags.some((f) => f.demotes))
    flag(
      'role',
      'Names people who act: it may be a role as well as an object.',
    );
  return flags;
}

/** Merges the analyses of a project's sources and ranks what they name (see the file comment). */
export function rankCandidates(
  sources: readonly RankedSource[],
  options: RankOptions = {},
): RankedCandidates {
  const terms = new Map<string, Working>();
  /** Where a key went when it was merged into another. */
  const alias = new Map<string, string>();
  const resolve = (key: string): string => {
    let current = key;
    for (let guard = 0; alias.has(current) && guard < 32; guard++)
      current = alias.get(current) as string;
    return current;
  };
  const moveInto = (into: Working, from: Working, origin?: ForagingOrigin) => {
    absorb(into, from, origin);
    terms.delete(from.key);
    alias.set(from.key, into.key);
  };

  for (const source of sources) {
    for (const term of source.analysis.terms) {
      const working = terms.get(term.key) ?? emptyWorking(term.key, term.words);
      terms.set(term.key, working);
      for (const [form, count] of Object.entries(term.forms)) {
        add(working.forms, form, count);
        if (!/[\s-]/.test(form)) working.bare += count;
      }
      working.count += term.count;
      working.weight += term.weight;
      working.sentences += term.sentences;
      working.introduced += term.introduced;
      working.acted += term.acted ?? 0;
      working.actor += term.tags.actor;
      working.named += term.tags.named;
      working.uncountable += term.tags.uncountable;
      working.date += term.tags.date;
      working.plural += term.tags.plural;
      working.counted += term.tags.counted;
      working.sources.add(source.id);
      for (const mention of term.mentions) {
        working.origins.add(originOf(mention.o));
        working.mentions.push({ ...mention, sourceId: source.id });
      }
    }
  }

  // 1. Spelling variants: one candidate per key without spaces and hyphens.
  const byCompact = new Map<string, Working[]>();
  for (const working of terms.values()) {
    const compact = working.key.replace(/[\s-]/g, '');
    byCompact.set(compact, [...(byCompact.get(compact) ?? []), working]);
  }
  for (const group of byCompact.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
    for (const other of group.slice(1)) moveInto(group[0], other);
  }

  // 2. Collections name their members.
  for (const working of [...terms.values()]) {
    const words = working.words;
    if (
      words.length < 2 ||
      !COLLECTION_WORDS.has(words[words.length - 1].toLowerCase())
    )
      continue;
    const modifier = words[words.length - 2].toLowerCase();
    // "waiting list", "reading list": the modifier says what the list is for, not what is on it.
    const describesTheList = /ing$/.test(modifier);
    const memberWords = describesTheList
      ? [...words, 'entry']
      : [singularOf(modifier)];
    const memberKey = memberWords.join(' ').toLowerCase();
    const member = terms.get(memberKey) ?? emptyWorking(memberKey, memberWords);
    member.collection ??= working.key;
    terms.set(memberKey, member);
    moveInto(member, working, 'collection-member');
  }

  // 3. A compound said once folds into its head, when the head is said on its own too.
  for (const working of [...terms.values()]) {
    if (working.words.length < 2 || working.count > 1 || working.collection)
      continue;
    const head = terms.get(
      working.words[working.words.length - 1].toLowerCase(),
    );
    if (head && head.bare > 0) moveInto(head, working, 'noun-phrase');
  }

  // 3b. A compound's modifier names a thing too, when the research also says it on its own:
  // "a treatment note" and "larger treatments" are two mentions of treatments.
  for (const working of [...terms.values()]) {
    if (working.words.length < 2 || working.collection) continue;
    const head = working.words[working.words.length - 1].toLowerCase();
    const modifiers = new Set(
      working.words.slice(0, -1).map((word) => word.toLowerCase()),
    );
    for (const word of modifiers) {
      const modifier = terms.get(resolve(word));
      if (!modifier || modifier === working || word === head) continue;
      if (modifier.bare === 0) continue;
      modifier.weight += MODIFIER_SHARE * working.weight;
      modifier.count += working.count;
      modifier.sentences += working.sentences;
      for (const source of working.sources) modifier.sources.add(source);
      modifier.origins.add('noun-phrase');
      modifier.mentions.push(
        ...working.mentions.map((m) => ({ ...m, o: 'noun-phrase' as const })),
      );
    }
  }

  // 4. Verbs count for the nouns they nominalise.
  const verbs = new Map<
    string,
    {
      infinitive: string;
      gerund: string;
      count: number;
      weight: number;
      intransitiveCount: number;
      intransitiveWeight: number;
      phrases: Map<string, number>;
      objects: Map<string, number>;
      mentions: SourcedMention[];
      sources: Set<string>;
      sentences: number;
    }
  >();
  for (const source of sources) {
    for (const verb of source.analysis.verbs) {
      const entry = verbs.get(verb.infinitive) ?? {
        infinitive: verb.infinitive,
        gerund: verb.gerund,
        count: 0,
        weight: 0,
        intransitiveCount: 0,
        intransitiveWeight: 0,
        phrases: new Map<string, number>(),
        objects: new Map<string, number>(),
        mentions: [],
        sources: new Set<string>(),
        sentences: 0,
      };
      verbs.set(verb.infinitive, entry);
      entry.count += verb.count;
      entry.weight += verb.weight;
      entry.intransitiveCount += verb.intransitiveCount;
      entry.intransitiveWeight += verb.intransitiveWeight;
      entry.sentences += verb.sentences;
      entry.sources.add(source.id);
      for (const [phrase, count] of Object.entries(verb.phrases))
        add(entry.phrases, phrase, count);
      for (const [object, count] of Object.entries(verb.objects))
        add(entry.objects, object, count);
      entry.mentions.push(
        ...verb.mentions.map((m) => ({ ...m, sourceId: source.id })),
      );
    }
  }
  for (const verb of verbs.values()) {
    const phrase =
      [...verb.phrases.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ??
      verb.infinitive;
    for (const [object, count] of verb.objects) {
      const target = terms.get(resolve(object));
      if (target) add(target.actions, phrase, count);
    }
    const particles = [...verb.phrases.keys()]
      .map((p) => p.split(' ')[1])
      .filter((p): p is string => Boolean(p));
    const derived = [
      ...nominalisations(verb.infinitive, verb.gerund),
      ...particles.flatMap((p) => [
        `${verb.infinitive} ${p}`,
        `${verb.infinitive}${p}`,
      ]),
    ]
      .map((form) => terms.get(resolve(form)))
      .find((term) => term !== undefined && term.count > 0);
    let target = derived;
    // Only uses without a direct object make the verb's own noun: "gardeners comment on
    // announcements" makes comments; "owners pay invoices" is a CTA on the Invoice.
    let onlyIntransitive = false;
    if (!target) {
      const own = terms.get(resolve(verb.infinitive));
      if (own && own.bare > 0) target = own;
      else if (
        verb.intransitiveCount > 0 &&
        // A phrasal verb's noun is the compound ("a sign-up"), not the verb ("a sign").
        !PARTICLES.has(phrase.split(' ')[1] ?? '') &&
        isNounToo(verb.infinitive)
      ) {
        target = emptyWorking(verb.infinitive, [verb.infinitive]);
        terms.set(verb.infinitive, target);
        onlyIntransitive = true;
      }
    }
    if (!target) continue;
    const uses = onlyIntransitive
      ? verb.mentions.filter((m) => !m.d)
      : verb.mentions;
    target.count += onlyIntransitive ? verb.intransitiveCount : verb.count;
    target.weight += onlyIntransitive ? verb.intransitiveWeight : verb.weight;
    target.sentences += onlyIntransitive ? uses.length : verb.sentences;
    target.origins.add('verb');
    for (const mention of uses) target.sources.add(mention.sourceId);
    target.mentions.push(...uses);
    for (const [p, count] of verb.phrases) add(target.verbs, p, count);
  }

  // 5. Examples.
  for (const source of sources) {
    for (const link of source.analysis.examples) {
      const of = terms.get(resolve(link.of));
      if (of) add(of.examples, link.example, 1);
      const example = link.key ? terms.get(resolve(link.key)) : undefined;
      if (example && example !== of) {
        example.exampleMentions++;
        if (of) example.exampleOf.add(of.key);
      }
    }
  }

  // 5b. What nouns are said to have.
  for (const source of sources) {
    for (const link of source.analysis.attributes ?? []) {
      const of = terms.get(resolve(link.of));
      const attribute = terms.get(resolve(link.attribute));
      if (of && attribute && of !== attribute)
        add(attribute.attributeOf, of.key, 1);
    }
  }

  // 6. Synonyms the text states: union the two candidates, the stronger one names the group.
  for (const source of sources) {
    for (const link of source.analysis.synonyms) {
      const a = terms.get(resolve(link.a));
      const b = terms.get(resolve(link.b));
      if (!a || !b || a === b) continue;
      const [keep, fold] = a.count >= b.count ? [a, b] : [b, a];
      const span = source.analysis.sentences[link.s];
      const evidence = span
        ? sentenceText(source.text, span[0], span[1]).text
        : '';
      keep.synonyms.push({
        key: fold.key,
        name: displayName(fold),
        count: fold.count,
        evidence,
        sourceId: source.id,
      });
      moveInto(keep, fold);
    }
  }

  // 7–8. Flags and scores.
  const names = new Map(
    [...terms.values()].map((w) => [w.key, displayName(w)]),
  );
  const sourceOrder = new Map(sources.map((s, i) => [s.id, i]));
  const textOf = new Map(sources.map((s) => [s.id, s]));
  const scored = [...terms.values()].map((working) => {
    const flags = flagsOf(working, names);
    const demotion = Math.min(1, ...flags.map((f) => DEMOTION[f.kind]));
    const base =
      working.weight +
      INTRODUCTION_BONUS * Math.min(1, working.introduced) +
      ACTED_BONUS * Math.min(2, working.acted);
    const spread = 1 + SPREAD_PER_SOURCE * (working.sources.size - 1);
    const specific = working.words.length > 1 ? COMPOUND_BONUS : 1;
    return {
      working,
      flags,
      score: round(base * spread * specific * demotion),
    };
  });
  scored.sort(
    (x, y) =>
      y.score - x.score ||
      y.working.count - x.working.count ||
      x.working.key.localeCompare(y.working.key),
  );
  const limit = options.limit ?? 200;
  const mentionLimit = options.mentions ?? 25;
  const candidates = scored
    .slice(0, limit)
    .map(({ working, flags, score }, index) => ({
      key: working.key,
      name: displayName(working),
      score,
      rank: index + 1,
      mentionCount: working.count,
      sentenceCount: working.sentences,
      sourceCount: working.sources.size,
      origins: [...working.origins].sort(),
      flags,
      demoted: flags.some((f) => f.demotes),
      variants: [...working.forms.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([form, count]) => ({ form, count })),
      synonyms: working.synonyms,
      examples: [...working.examples.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([example]) => example),
      verbs: [...working.verbs.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([verb]) => verb),
      actions: [...working.actions.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([verb]) => verb),
      attributeOf: [...working.attributeOf.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([key]) => names.get(key) ?? key),
      mentions: mentionsOf(working.mentions, sourceOrder, textOf, mentionLimit),
    }));
  return { candidates, total: scored.length };
}

/** The sentence as written (line breaks read as spaces), and where it starts. */
function sentenceText(text: string, start: number, end: number) {
  return { text: text.slice(start, end).replace(/[\r\n\t]/g, ' '), start };
}

/** The first mentions of each source in turn, each with its sentence and ranges in it. */
function mentionsOf(
  mentions: readonly SourcedMention[],
  sourceOrder: ReadonlyMap<string, number>,
  sources: ReadonlyMap<string, RankedSource>,
  limit: number,
): ForagingMention[] {
  const bySource = new Map<string, SourcedMention[]>();
  for (const mention of mentions) {
    bySource.set(mention.sourceId, [
      ...(bySource.get(mention.sourceId) ?? []),
      mention,
    ]);
  }
  const queues = [...bySource.entries()]
    .sort((a, b) => (sourceOrder.get(a[0]) ?? 0) - (sourceOrder.get(b[0]) ?? 0))
    .map(([, list]) =>
      [...list].sort(
        (a, b) => a.s - b.s || (a.r[0]?.[0] ?? 0) - (b.r[0]?.[0] ?? 0),
      ),
    );
  const picked: SourcedMention[] = [];
  while (picked.length < limit && queues.some((q) => q.length > 0)) {
    for (const queue of queues) {
      const next = queue.shift();
      if (next && picked.length < limit) picked.push(next);
    }
  }
  // One entry per sentence: two matches in one sentence are two highlights in it.
  const merged = new Map<string, ForagingMention>();
  for (const mention of picked) {
    const source = sources.get(mention.sourceId);
    const span = source?.analysis.sentences[mention.s];
    if (!source || !span) continue;
    const id = `${mention.sourceId}:${span[0]}`;
    const ranges = mention.r.map(([start, end]) => ({
      start: start - span[0],
      end: end - span[0],
    }));
    const known = merged.get(id);
    if (known) {
      known.ranges.push(...ranges);
      known.ranges.sort((a, b) => a.start - b.start);
      continue;
    }
    merged.set(id, {
      sourceId: mention.sourceId,
      sentenceStart: span[0],
      sentence: sentenceText(source.text, span[0], span[1]).text,
      ranges,
      origin: mention.o,
    });
  }
  return [...merged.values()];
}
