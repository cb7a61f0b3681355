/**
 * Reads one research text with compromise (its tagger, noun phrases and lemmas) and counts, per
 * lemma, the nouns and compound nouns it mentions and the content verbs it uses, with the
 * sentences they came from. The api runs it in a worker thread (src/foraging.worker.ts), never on
 * its event loop; the text is tagged in chunks of a few hundred characters, which keeps each of
 * compromise's documents small (its memory and time grow faster than the text).
 */
import nlp from 'compromise';
import { chunkText, prepareText, type TextFormat } from './prepare-text';
import {
  ANALYSIS_VERSION,
  MENTIONS_KEPT_PER_TERM,
  type AnalysisTiming,
  type AttributeLink,
  type ExampleLink,
  type MentionOrigin,
  type Range,
  type RawMention,
  type RawTerm,
  type RawVerb,
  type SourceAnalysis,
  type SynonymLink,
} from './source-analysis';
import {
  EXAMPLE_PHRASES,
  GENERIC_PEOPLE,
  LIGHT_VERBS,
  NAMING_PHRASES,
  NEVER_OBJECTS,
  PARTICLES,
  PERSONAL_PRONOUNS,
  POSSESSIVE_DETERMINERS,
  STATIVE_VERBS,
} from './word-lists';

/**
 * Characters tagged in one document. compromise needs about 25–45 µs a character, so a chunk
 * takes some 15–30 ms.
 */
export const CHUNK_CHARACTERS = 600;

/** A term of compromise's document (`view.docs`), as far as the pipeline reads it. */
interface CompromiseTerm {
  readonly text: string;
  readonly pre: string;
  readonly post: string;
  readonly normal: string;
  readonly tags?: Set<string>;
  readonly root?: string | null;
  readonly offset?: { readonly start: number; readonly length: number };
}

interface Token {
  readonly text: string;
  /** Lower case, without surrounding punctuation. */
  readonly normal: string;
  readonly root: string | null;
  readonly tags: ReadonlySet<string>;
  readonly pre: string;
  readonly post: string;
  /** Offsets in the whole source text. */
  readonly start: number;
  readonly end: number;
  readonly first: boolean;
}

/** Compound nouns are at most this many words: "community garden coordinator". */
const MAX_COMPOUND_WORDS = 3;
/** A sentence adds at most this much weight to one term, however often it repeats it. */
const SENTENCE_WEIGHT_CAP = 1.25;
const WEIGHT = { plain: 1, oblique: 0.7, heading: 0.5 } as const;
const VERB_WEIGHT = { person: 1, other: 0.6 } as const;

/** Subordinators the tagger calls prepositions: "when a plot frees up" is not about a place. */
const SUBORDINATORS = new Set([
  'when',
  'while',
  'if',
  'once',
  'as',
  'because',
  'since',
  'until',
  'unless',
  'whether',
  'though',
  'although',
  'whenever',
  'where',
]);
/** Prepositions that belong to the verb in a CTA: "comment on", "sign up for", "apply to". */
const VERB_PREPOSITIONS = new Set([
  'on',
  'for',
  'to',
  'with',
  'from',
  'into',
  'onto',
  'about',
  'in',
  'at',
  'of',
]);
/** Prepositions after a verb that say where or when, not what: "pay at the desk". */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'into', 'onto']);
const COUNTING_DETERMINERS = new Set([
  'a',
  'an',
  'each',
  'every',
  'another',
  'any',
  'no',
  'one',
  'several',
  'many',
  'few',
]);

const hasLetter = (text: string) => /\p{L}/u.test(text);
const isAcronym = (text: string) => /^\p{Lu}[\p{Lu}\p{N}]+s?$/u.test(text);
const stripPossessive = (word: string) => word.replace(/['’]s?$/u, '');
const punctuationOf = (text: string) => text.replace(/\s+/g, '');

const lemmaCache = new Map<string, string>();
const gerundCache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

function remember(cache: Map<string, string>, key: string, value: string) {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** The singular of a lower-case noun, by compromise's own inflection rules. */
export function singularOf(word: string): string {
  const cached = lemmaCache.get(word);
  if (cached !== undefined) return cached;
  const view = nlp(`the ${word}`);
  view.nouns().toSingular();
  const out = view.text('normal').replace(/^the\s+/, '');
  return remember(lemmaCache, word, out && !/\s/.test(out) ? out : word);
}

/** The -ing form of an infinitive ("book" → "booking"), by compromise's conjugation. */
export function gerundOf(infinitive: string): string {
  const cached = gerundCache.get(infinitive);
  if (cached !== undefined) return cached;
  const forms = nlp(`they ${infinitive}`).verbs().conjugate()[0] as
    | Record<string, string>
    | undefined;
  const gerund =
    forms?.['Gerund'] ?? `${infinitive.replace(/e$/, '')}ing`.toLowerCase();
  return remember(gerundCache, infinitive, gerund);
}

function nounLemma(token: Token): string {
  const base = stripPossessive(token.normal);
  if (token.tags.has('Plural') && token.root)
    return stripPossessive(token.root);
  // Capitalised plurals at the start of an answer ("Tools, mostly.") are tagged as names.
  if (
    token.tags.has('Plural') ||
    (/[^su]s$/.test(base) && !token.tags.has('Singular'))
  )
    return singularOf(base);
  return base;
}

function isNominal(token: Token): boolean {
  const { tags } = token;
  if (!tags.has('Noun') || !token.text) return false;
  if (
    tags.has('Pronoun') ||
    tags.has('Value') ||
    tags.has('Emoji') ||
    tags.has('Emoticon') ||
    tags.has('Url') ||
    tags.has('Email') ||
    tags.has('AtMention') ||
    tags.has('HashTag') ||
    tags.has('PhoneNumber')
  )
    return false;
  const word = stripPossessive(token.normal);
  if (
    word.length < 2 ||
    !hasLetter(word) ||
    POSSESSIVE_DETERMINERS.has(word) ||
    NEVER_OBJECTS.has(word)
  )
    return false;
  // A person's name is an instance of a role, never an object.
  if (tags.has('Person') && /^\p{Lu}/u.test(token.text)) return false;
  return true;
}

/** Two adjacent nominal tokens form one compound unless punctuation stands between them. */
function joins(left: Token, right: Token): boolean {
  const between = punctuationOf(left.post) + punctuationOf(right.pre);
  return (between === '' || between === '-') && !left.tags.has('Possessive');
}

interface Run {
  readonly from: number;
  readonly to: number;
  readonly key: string;
  readonly words: readonly string[];
  readonly form: string;
  readonly start: number;
  readonly end: number;
}

interface MutableTerm {
  key: string;
  words: string[];
  forms: Record<string, number>;
  count: number;
  weight: number;
  sentences: number;
  introduced: number;
  acted: number;
  tags: {
    actor: number;
    named: number;
    uncountable: number;
    date: number;
    plural: number;
    counted: number;
  };
  mentions: RawMention[];
}

interface MutableVerb {
  infinitive: string;
  phrases: Record<string, number>;
  gerund: string;
  count: number;
  weight: number;
  intransitiveCount: number;
  intransitiveWeight: number;
  sentences: number;
  objects: Record<string, number>;
  mentions: RawMention[];
}

/** Collects what every chunk finds, in source order. */
class Accumulator {
  readonly terms = new Map<string, MutableTerm>();
  readonly verbs = new Map<string, MutableVerb>();
  readonly sentences: Range[] = [];
  readonly synonyms: SynonymLink[] = [];
  readonly examples: ExampleLink[] = [];
  readonly attributes: AttributeLink[] = [];
  sentenceCount = 0;
  private readonly sentenceIndex = new Map<number, number>();

  constructor(
    private readonly headings: ReadonlyArray<readonly [number, number]>,
  ) {}

  inHeading(offset: number): boolean {
    // Headings are in text order: binary search for the last one starting at or before offset.
    let low = 0;
    let high = this.headings.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [start, end] = this.headings[middle];
      if (offset < start) high = middle - 1;
      else if (offset >= end) low = middle + 1;
      else return true;
    }
    return false;
  }

  /** The index of a sentence in `sentences`, registering it on first use. */
  sentence(span: Range): number {
    const known = this.sentenceIndex.get(span[0]);
    if (known !== undefined) return known;
    this.sentences.push(span);
    this.sentenceIndex.set(span[0], this.sentences.length - 1);
    return this.sentences.length - 1;
  }

  term(key: string, words: readonly string[]): MutableTerm {
    let term = this.terms.get(key);
    if (!term) {
      term = {
        key,
        words: [...words],
        forms: {},
        count: 0,
        weight: 0,
        sentences: 0,
        introduced: 0,
        acted: 0,
        tags: {
          actor: 0,
          named: 0,
          uncountable: 0,
          date: 0,
          plural: 0,
          counted: 0,
        },
        mentions: [],
      };
      this.terms.set(key, term);
    }
    return term;
  }

  verb(infinitive: string): MutableVerb {
    let verb = this.verbs.get(infinitive);
    if (!verb) {
      verb = {
        infinitive,
        phrases: {},
        gerund: gerundOf(infinitive),
        count: 0,
        weight: 0,
        intransitiveCount: 0,
        intransitiveWeight: 0,
        sentences: 0,
        objects: {},
        mentions: [],
      };
      this.verbs.set(infinitive, verb);
    }
    return verb;
  }
}

const LEXICON = (
  nlp.model() as { one: { lexicon: Record<string, string | string[]> } }
).one.lexicon;
/** Word classes that never head a noun phrase: closed classes and past forms of verbs. */
const NEVER_NOUN_TAGS = new Set([
  'Preposition',
  'Determiner',
  'Conjunction',
  'PastTense',
  'Participle',
]);

/**
 * The tags of a word, with one tagging slip corrected by compromise's own lexicon: a word it
 * knows only as a preposition, a determiner, a conjunction or a past form is not a noun, whatever
 * the context made of it ("a hold on a book", "for each kind", "each one came from").
 */
function correctedTags(
  tags: ReadonlySet<string>,
  normal: string,
): ReadonlySet<string> {
  if (!tags.has('Noun') || tags.has('Pronoun')) return tags;
  const entry = LEXICON[normal];
  const known = Array.isArray(entry) ? entry : entry ? [entry] : [];
  if (known.length === 0 || !known.every((tag) => NEVER_NOUN_TAGS.has(tag)))
    return tags;
  return new Set(known);
}

function tokensOf(
  sentence: readonly CompromiseTerm[],
  chunkStart: number,
): Token[] {
  const tokens: Token[] = [];
  let previousPost = '';
  for (const term of sentence) {
    // Contractions add implicit terms ("I'd" → "I would") that have no text of their own.
    if (!term.text || !term.offset) continue;
    const before = previousPost;
    previousPost = term.post;
    const start = chunkStart + term.offset.start;
    const base = {
      root: term.root ?? null,
      tags: term.tags ?? new Set<string>(),
      first: tokens.length === 0,
    };
    // "plots/beds" is one term to the tagger and two nouns to a reader.
    if (
      term.text.includes('/') &&
      base.tags.has('Noun') &&
      !/\s/.test(term.text)
    ) {
      let offset = 0;
      const parts = term.text.split('/');
      parts.forEach((part, i) => {
        tokens.push({
          ...base,
          root: null,
          text: part,
          normal: part.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, ''),
          pre: i === 0 ? term.pre : '/',
          post: i === parts.length - 1 ? term.post : '/',
          start: start + offset,
          end: start + offset + part.length,
          first: base.first && i === 0,
        });
        offset += part.length + 1;
      });
      continue;
    }
    const normal = term.normal.replace(
      /^[^\p{L}\p{N}]+|[^\p{L}\p{N}']+$/gu,
      '',
    );
    // Part of a hyphenated word ("sign-up") is what the word makes it, not what it is alone.
    const hyphenated = /-/.test(term.pre + term.post + before);
    tokens.push({
      ...base,
      tags: hyphenated ? base.tags : correctedTags(base.tags, normal),
      text: term.text,
      normal,
      pre: term.pre,
      post: term.post,
      start,
      end: start + term.text.length,
    });
  }
  return tokens;
}

function lowerWord(token: Token, lemma: string): string {
  return isAcronym(token.text) ? token.text.replace(/s$/, '') : lemma;
}

function findRuns(tokens: readonly Token[]): Run[] {
  const runs: Run[] = [];
  const particle = (t: Token) => PARTICLES.has(t.normal);
  for (let i = 0; i < tokens.length; i++) {
    if (!isNominal(tokens[i]) || particle(tokens[i])) continue;
    let j = i;
    while (
      j + 1 < tokens.length &&
      isNominal(tokens[j + 1]) &&
      joins(tokens[j], tokens[j + 1]) &&
      // "a sign-up" is a noun; "a tool back" is a tool and a particle.
      (!particle(tokens[j + 1]) || punctuationOf(tokens[j].post) === '-')
    )
      j++;
    const from = Math.max(i, j - MAX_COMPOUND_WORDS + 1);
    const head = tokens[j];
    const modifiers = tokens
      .slice(from, j)
      .map((t) => lowerWord(t, stripPossessive(t.normal)));
    const words = [...modifiers, lowerWord(head, nounLemma(head))];
    let form = '';
    for (let k = from; k <= j; k++)
      form +=
        tokens[k].normal +
        (k < j ? (punctuationOf(tokens[k].post) === '-' ? '-' : ' ') : '');
    runs.push({
      from,
      to: j,
      key: words.join(' ').toLowerCase(),
      words,
      form,
      start: tokens[from].start,
      end: head.end,
    });
    i = j;
  }
  return runs;
}

/** The index of the first token before `index` that is not a determiner, adjective, number… */
function previousContent(tokens: readonly Token[], index: number): number {
  let k = index - 1;
  while (k >= 0) {
    const t = tokens[k];
    const skippable =
      t.tags.has('Determiner') ||
      t.tags.has('Adjective') ||
      t.tags.has('Value') ||
      t.tags.has('Adverb') ||
      POSSESSIVE_DETERMINERS.has(t.normal) ||
      (t.tags.has('Possessive') && t.tags.has('Noun'));
    if (!skippable || punctuationOf(t.post) !== '') break;
    k--;
  }
  return k;
}

function isPerson(token: Token): boolean {
  if (token.tags.has('Pronoun')) return PERSONAL_PRONOUNS.has(token.normal);
  if (!token.tags.has('Noun')) return token.normal === 'who';
  return (
    token.tags.has('Actor') ||
    token.tags.has('Person') ||
    GENERIC_PEOPLE.has(nounLemma(token))
  );
}

function matchesPhrase(
  tokens: readonly Token[],
  at: number,
  phrases: readonly (readonly string[])[],
): number {
  for (const phrase of phrases) {
    if (
      phrase.every(
        (word, k) =>
          tokens[at + k]?.normal === word.replace(/\.$/, '') ||
          tokens[at + k]?.text.toLowerCase() === word,
      )
    )
      return phrase.length;
  }
  return 0;
}

/** The heads of a list of short noun phrases, or null when it is a clause, not a list. */
function listItems(
  tokens: readonly Token[],
  from: number,
  to: number,
  strict: boolean,
): number[] | null {
  const items: number[] = [];
  let segment: number[] = [];
  const close = (): boolean => {
    const content = segment.filter((k) => {
      const t = tokens[k];
      return !(
        t.tags.has('Adverb') ||
        t.tags.has('Determiner') ||
        t.tags.has('Value') ||
        t.tags.has('Adjective') ||
        t.normal === 'etc'
      );
    });
    segment = [];
    if (content.length === 0) return true;
    if (content.length > 2) return false;
    if (
      content.some(
        (k) =>
          tokens[k].tags.has('Copula') ||
          tokens[k].tags.has('Auxiliary') ||
          tokens[k].tags.has('Modal') ||
          tokens[k].tags.has('Pronoun') ||
          (strict && !isNominal(tokens[k])),
      )
    )
      return false;
    items.push(content[content.length - 1]);
    return true;
  };
  for (let k = from; k <= to; k++) {
    const t = tokens[k];
    if (['and', 'or', '&'].includes(t.normal) && t.tags.has('Conjunction')) {
      if (!close()) return null;
      continue;
    }
    segment.push(k);
    if (punctuationOf(t.post).includes(',') && !close()) return null;
  }
  if (!close()) return null;
  return items.length > 0 ? items : null;
}

function analyseSentence(tokens: readonly Token[], acc: Accumulator): void {
  if (tokens.length === 0) return;
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  const span: Range = [
    first.start - first.pre.replace(/^\s+/, '').length,
    last.end + last.post.replace(/\s+$/, '').length,
  ];
  acc.sentenceCount++;
  const heading = acc.inHeading(first.start);
  const runs = findRuns(tokens);
  const runEndingAt = new Map(runs.map((run) => [run.to, run]));
  const runStartingAt = new Map(runs.map((run) => [run.from, run]));
  let sentenceIndex: number | null = null;
  const sentence = () => (sentenceIndex ??= acc.sentence(span));
  const sentenceWeights = new Map<string, number>();

  const mention = (
    target: { mentions: RawMention[]; count: number },
    ranges: Range[],
    origin: MentionOrigin,
    directObject = false,
  ) => {
    target.count++;
    if (target.mentions.length < MENTIONS_KEPT_PER_TERM)
      target.mentions.push({
        s: sentence(),
        r: ranges,
        o: origin,
        ...(directObject ? { d: 1 as const } : {}),
      });
  };

  for (const run of runs) {
    const head = tokens[run.to];
    const term = acc.term(run.key, run.words);
    term.forms[run.form] = (term.forms[run.form] ?? 0) + 1;
    mention(
      term,
      [[run.start, run.end]],
      run.to > run.from ? 'noun-phrase' : 'noun',
    );
    const before = previousContent(tokens, run.from);
    // A prepositional phrase after a noun or opening a clause is an adjunct ("the calendar on the
    // shed door"); right after a verb it names the verb's object ("asked for a reminder").
    const attachedTo = before > 0 ? tokens[before - 1] : null;
    const preposition =
      before >= 0 &&
      tokens[before].tags.has('Preposition') &&
      !(
        attachedTo?.tags.has('Verb') && punctuationOf(attachedTo.post) === ''
      ) &&
      !(
        SUBORDINATORS.has(tokens[before].normal) &&
        (before === 0 ||
          tokens[before - 1].tags.has('Conjunction') ||
          punctuationOf(tokens[before - 1].post) !== '')
      );
    const weight = heading
      ? WEIGHT.heading
      : preposition
        ? WEIGHT.oblique
        : WEIGHT.plain;
    sentenceWeights.set(run.key, (sentenceWeights.get(run.key) ?? 0) + weight);
    if (before >= 0 && tokens[before].tags.has('Copula')) {
      let k = before - 1;
      while (k >= 0 && tokens[k].tags.has('Adverb')) k--;
      if (k >= 0 && tokens[k].normal === 'there') term.introduced++;
    }
    const tags = term.tags;
    if (head.tags.has('Actor')) tags.actor++;
    if (head.tags.has('Uncountable')) tags.uncountable++;
    if (head.tags.has('Date') || head.tags.has('Duration')) tags.date++;
    if (
      head.tags.has('Plural') ||
      nounLemma(head) !== stripPossessive(head.normal)
    )
      tags.plural++;
    const determiner = tokens[run.from - 1];
    if (
      determiner &&
      (COUNTING_DETERMINERS.has(determiner.normal) ||
        determiner.tags.has('Cardinal'))
    )
      tags.counted++;
    if (
      !heading &&
      tokens
        .slice(run.from, run.to + 1)
        .some(
          (t) =>
            !t.first &&
            /^\p{Lu}/u.test(t.text) &&
            !isAcronym(t.text) &&
            (t.tags.has('ProperNoun') ||
              t.tags.has('Place') ||
              t.tags.has('Organization')),
        )
    )
      tags.named++;
  }
  for (const [key, weight] of sentenceWeights) {
    const term = acc.terms.get(key);
    if (!term) continue;
    term.weight += Math.min(weight, SENTENCE_WEIGHT_CAP);
    term.sentences++;
  }

  const verbsSeen = new Set<string>();
  /** Terms something is done to in this sentence (counted once per sentence). */
  const actedOn = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const tags = t.tags;
    if (
      !tags.has('Verb') ||
      tags.has('Auxiliary') ||
      tags.has('Copula') ||
      tags.has('Modal') ||
      tags.has('Particle') ||
      tags.has('Noun')
    )
      continue;
    const infinitive = (t.root ?? t.normal).toLowerCase();
    if (
      infinitive.length < 2 ||
      !/^\p{L}[\p{L}-]*$/u.test(infinitive) ||
      PARTICLES.has(infinitive) ||
      STATIVE_VERBS.has(infinitive)
    )
      continue;
    // Light verbs imply no object of their own, but what they act on is acted on ("make a
    // booking", "ask for a reminder"); only content verbs are recorded as verbs.
    const content = infinitive.length >= 3 && !LIGHT_VERBS.has(infinitive);
    // A gerund opening a sentence or a list is a noun at heart ("Boarding, grooming and…").
    if (tags.has('Gerund') && (t.first || punctuationOf(t.post).includes(',')))
      continue;
    // A participle before a noun with no subject describes it ("raised beds"): not an action.
    const previous = tokens[i - 1];
    if (
      (tags.has('PastTense') || tags.has('Participle') || tags.has('Gerund')) &&
      tokens[i + 1] !== undefined &&
      isNominal(tokens[i + 1]) &&
      (!previous ||
        punctuationOf(previous.post) !== '' ||
        previous.tags.has('Determiner') ||
        previous.tags.has('Adjective') ||
        previous.tags.has('Preposition'))
    )
      continue;
    let phrase = infinitive;
    const ranges: Range[] = [[t.start, t.end]];
    let k = i + 1;
    let prepositional = false;
    let place = false;
    if (tokens[k]?.tags.has('Particle')) {
      phrase += ` ${tokens[k].normal}`;
      ranges.push([tokens[k].start, tokens[k].end]);
      k++;
    }
    if (
      tokens[k]?.tags.has('Preposition') &&
      VERB_PREPOSITIONS.has(tokens[k].normal) &&
      punctuationOf(tokens[k - 1].post) === ''
    ) {
      phrase += ` ${tokens[k].normal}`;
      prepositional = true;
      place = PLACE_PREPOSITIONS.has(tokens[k].normal);
      k++;
    }
    // What it is done to: the noun (or pronoun) right after it, past articles and adjectives;
    // in the passive, its subject ("an invoice can be paid").
    let directObject = tags.has('Passive');
    let object: Run | undefined;
    if (directObject) {
      // The passive's subject: the nearest noun before it, unless a pronoun is nearer ("the
      // order they were placed in": they were placed, not the order).
      const subject = [...runs].reverse().find((run) => run.to < i);
      let pronoun = i - 1;
      while (pronoun >= 0 && !tokens[pronoun].tags.has('Pronoun')) pronoun--;
      if (subject && pronoun < subject.from) object = subject;
    }
    for (
      let o = k;
      !tags.has('Passive') && o < Math.min(tokens.length, k + 4);
      o++
    ) {
      const run = runStartingAt.get(o);
      if (run) {
        object = run;
        directObject = !prepositional;
        break;
      }
      const next = tokens[o];
      if (next.tags.has('Pronoun') && o === k) {
        directObject = !prepositional;
        break;
      }
      if (
        !(
          next.tags.has('Determiner') ||
          next.tags.has('Adjective') ||
          next.tags.has('Value') ||
          POSSESSIVE_DETERMINERS.has(next.normal)
        ) ||
        punctuationOf(tokens[o].post) !== ''
      )
        break;
    }
    // Where or when it is done ("served in the order", "pay at the desk") is not what it is done to.
    if (object && !place && !actedOn.has(object.key)) {
      actedOn.add(object.key);
      acc.term(object.key, object.words).acted++;
    }
    if (!content) continue;

    let person = false;
    for (let back = i - 1, steps = 0; back >= 0 && steps < 5; back--, steps++) {
      const b = tokens[back];
      if (
        b.tags.has('Adverb') ||
        b.tags.has('Auxiliary') ||
        b.tags.has('Modal') ||
        b.tags.has('Negative') ||
        b.tags.has('Verb') ||
        b.normal === 'to' ||
        b.normal === 'not'
      )
        continue;
      person = isPerson(b);
      break;
    }
    const verb = acc.verb(infinitive);
    verb.phrases[phrase] = (verb.phrases[phrase] ?? 0) + 1;
    const weight = person ? VERB_WEIGHT.person : VERB_WEIGHT.other;
    verb.weight += weight;
    if (!verbsSeen.has(infinitive)) {
      verbsSeen.add(infinitive);
      verb.sentences++;
    }
    if (object) verb.objects[object.key] = (verb.objects[object.key] ?? 0) + 1;
    if (!directObject) {
      verb.intransitiveCount++;
      verb.intransitiveWeight += weight;
    }
    mention(verb, ranges, 'verb', directObject);
  }

  linkPossessions(tokens, runs, runStartingAt, acc, sentence);

  for (const run of runs)
    linkFollowing(tokens, run, runStartingAt, runEndingAt, acc, sentence);
}

/**
 * "A pet has a species, a breed and a date of birth": what a noun is said to have are its
 * attributes (or nested objects) — the way practitioners read "has" in research.
 */
function linkPossessions(
  tokens: readonly Token[],
  runs: readonly Run[],
  runStartingAt: ReadonlyMap<number, Run>,
  acc: Accumulator,
  sentence: () => number,
): void {
  for (const owner of runs) {
    let k = owner.to + 1;
    while (k < tokens.length && tokens[k].tags.has('Adverb')) k++;
    const verb = tokens[k];
    if (
      !verb ||
      !verb.tags.has('Verb') ||
      verb.tags.has('Auxiliary') ||
      (verb.root ?? verb.normal) !== 'have' ||
      punctuationOf(tokens[owner.to].post) !== ''
    )
      continue;
    let segmentStart = true;
    for (let j = k + 1; j < tokens.length; j++) {
      const t = tokens[j];
      if (segmentStart) {
        if (
          t.tags.has('Determiner') ||
          t.tags.has('Adjective') ||
          t.tags.has('Value') ||
          POSSESSIVE_DETERMINERS.has(t.normal)
        )
          continue;
        const item = runStartingAt.get(j);
        if (!item) break;
        if (item.key !== owner.key)
          acc.attributes.push({
            of: owner.key,
            attribute: item.key,
            s: sentence(),
          });
        segmentStart = false;
        j = item.to;
        const after = punctuationOf(tokens[j].post);
        if (after.includes(',')) segmentStart = true;
        else if (after !== '') break;
        continue;
      }
      if (['and', 'or'].includes(t.normal) && t.tags.has('Conjunction')) {
        segmentStart = true;
        continue;
      }
      const after = punctuationOf(t.post);
      if (after.includes(',')) segmentStart = true;
      else if (after !== '') break;
    }
  }
}

/** Synonyms ("members, also called gardeners") and examples ("tools — hoses, tillers") after a run. */
function linkFollowing(
  tokens: readonly Token[],
  run: Run,
  runStartingAt: ReadonlyMap<number, Run>,
  runEndingAt: ReadonlyMap<number, Run>,
  acc: Accumulator,
  sentence: () => number,
): void {
  const after = run.to + 1;
  if (after >= tokens.length) return;
  const tail = punctuationOf(tokens[run.to].post);
  const opensParenthesis = tokens[after].pre.includes('(');

  // "X (also called Y)", "X, known as Y", "X (or Y)".
  let k = after;
  const naming = matchesPhrase(tokens, k, NAMING_PHRASES);
  const or =
    naming === 0 && opensParenthesis && tokens[k].normal === 'or' ? 1 : 0;
  if ((naming > 0 && (tail === '' || tail === ',' || opensParenthesis)) || or) {
    k += naming + or;
    while (
      k < tokens.length &&
      (tokens[k].tags.has('Determiner') || tokens[k].tags.has('Adjective'))
    )
      k++;
    const other = runStartingAt.get(k);
    if (other && other.key !== run.key) {
      acc.synonyms.push({ a: run.key, b: other.key, s: sentence() });
      return;
    }
  }

  // "X such as a, b and c", "X, e.g. a".
  const phrase = matchesPhrase(tokens, after, EXAMPLE_PHRASES);
  let from = -1;
  let to = -1;
  let strict = true;
  if (phrase > 0 && (tail === '' || tail === ',' || opensParenthesis)) {
    from = after + phrase;
    to = from;
    while (
      to + 1 < tokens.length &&
      !/[;.!?)—–:]/.test(punctuationOf(tokens[to].post))
    )
      to++;
  } else if (
    /[—–:]/.test(tail) ||
    (tail === '-' && /\s-\s/.test(tokens[run.to].post)) ||
    opensParenthesis
  ) {
    // An aside right after the noun: "tools — wheelbarrows, hoses, two tillers —".
    const closer = opensParenthesis ? ')' : tail.includes(':') ? null : tail;
    from = after;
    to = from;
    while (
      to + 1 < tokens.length &&
      !(closer && punctuationOf(tokens[to].post).includes(closer)) &&
      !/[;.!?]/.test(punctuationOf(tokens[to].post))
    )
      to++;
    strict = !closer;
  }
  if (from < 0 || from >= tokens.length) return;
  const items = listItems(tokens, from, to, strict);
  if (!items) return;
  for (const index of items) {
    const token = tokens[index];
    const own = runEndingAt.get(index);
    const example = own?.key ?? singularOf(stripPossessive(token.normal));
    if (example === run.key) continue;
    acc.examples.push({
      of: run.key,
      example,
      key: own?.key ?? null,
      s: sentence(),
    });
  }
}

function analyseChunk(
  text: string,
  chunkStart: number,
  acc: Accumulator,
): void {
  const doc = nlp(text);
  // Two tagging slips fixed with compromise's own matcher before lemmas are computed:
  // "a vet prescribes a medication" (a verb read as a plural noun), "two gardens" (a noun read as a verb).
  doc
    .match(
      '#Noun [#Plural] (a|an|the|this|that|these|those|each|every|my|your|his|her|its|our|their)',
      0,
    )
    .tag('PresentTense', 'foraging');
  doc.match('#Cardinal [#Verb]', 0).tag('Noun', 'foraging');
  // "the sign-up", "a check-in": a hyphenated phrasal verb after a determiner is a noun.
  doc
    .match('(#Determiner|#Possessive) [#Hyphenated+]', 0)
    .if('#Verb')
    .tag('Singular', 'foraging');
  doc.compute('offset');
  doc.compute('root');
  for (const sentence of doc.docs as unknown as CompromiseTerm[][])
    analyseSentence(tokensOf(sentence, chunkStart), acc);
}

/** Lets other work of the thread run between two chunks (in a worker there is little). */
const yieldToEventLoop = () =>
  new Promise<void>((resolve) => setImmediate(resolve));

export interface AnalyseOptions {
  readonly format: TextFormat;
  readonly chunkCharacters?: number;
}

/** Tags a research text and counts its candidate nouns and verbs (see the file comment). */
export async function analyseSource(
  raw: string,
  options: AnalyseOptions,
): Promise<SourceAnalysis> {
  const began = performance.now();
  let longest = 0;
  const timed = <T>(work: () => T): T => {
    const start = performance.now();
    const result = work();
    longest = Math.max(longest, performance.now() - start);
    return result;
  };
  const prepared = timed(() => prepareText(raw, options.format));
  const chunks = timed(() =>
    chunkText(prepared.text, options.chunkCharacters ?? CHUNK_CHARACTERS),
  );
  const acc = new Accumulator(prepared.headings);
  for (const chunk of chunks) {
    await yieldToEventLoop();
    if (chunk.text.trim() === '') continue;
    timed(() => analyseChunk(chunk.text, chunk.start, acc));
  }
  await yieldToEventLoop();
  const result = timed(() => ({
    terms: [...acc.terms.values()].map(
      (term): RawTerm => ({ ...term, weight: round(term.weight) }),
    ),
    verbs: [...acc.verbs.values()].map(
      (verb): RawVerb => ({ ...verb, weight: round(verb.weight) }),
    ),
  }));
  const timing: AnalysisTiming = {
    chunks: chunks.length,
    totalMs: round(performance.now() - began),
    longestBlockMs: round(longest),
  };
  return {
    version: ANALYSIS_VERSION,
    sentences: acc.sentences,
    sentenceCount: acc.sentenceCount,
    terms: result.terms,
    verbs: result.verbs,
    synonyms: acc.synonyms,
    examples: acc.examples,
    attributes: acc.attributes,
    timing,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
