/**
 * What the tagger found in one source, kept with it (the `candidates` jsonb column): raw counts
 * per lemma and per verb, with the sentences they came from. Ranking, flags, folding and synonym
 * groups are decided when sources are merged (rank.ts), so a second interview can change how the
 * first one's words are read ("fee" attested in either makes "plot fees" count as a Fee).
 */

/** Bumped when the shape or the tagging rules change; older analyses are re-run on read. */
export const ANALYSIS_VERSION = 2;

/** Where a mention was found, as a person would say it. */
export type MentionOrigin =
  | 'noun'
  | 'noun-phrase'
  | 'verb'
  | 'collection-member';

/** [start, end) in the source text, UTF-16 code units (JavaScript string indices). */
export type Range = readonly [number, number];

export interface RawMention {
  /** Index into `SourceAnalysis.sentences`. */
  readonly s: number;
  /** The words that were matched. */
  readonly r: readonly Range[];
  readonly o: MentionOrigin;
  /** Set on a verb's mention when the verb had a direct object ("pay an invoice"). */
  readonly d?: 1;
}

/** Tag evidence over a term's mentions, for the flags. */
export interface TermTagCounts {
  /** The tagger called it a person or an actor ("gardener", "coordinator"). */
  readonly actor: number;
  /** A capitalised proper noun inside a sentence ("Riverside Vet"). */
  readonly named: number;
  /** An uncountable (mass) noun ("money", "water"). */
  readonly uncountable: number;
  /** A date or duration ("week", "season"). */
  readonly date: number;
  readonly plural: number;
  /** Counted after "each", "every", "a", a number: things with instances. */
  readonly counted: number;
}

/** A noun or compound noun, by lemma. */
export interface RawTerm {
  /** Lower-case lemma words joined by spaces: "plot", "work day", "waiting list". */
  readonly key: string;
  /** The lemma words, in the case they were written when that matters ("PRD", "iPad"). */
  readonly words: readonly string[];
  /** Surface forms as written (lower case) and how often: "plots", "plot fees", "work-day". */
  readonly forms: Readonly<Record<string, number>>;
  /** Every mention, kept or not. */
  readonly count: number;
  /**
   * Salience: every sentence adds the weight of its mentions (subject or object 1, inside a
   * prepositional phrase 0.7, in a heading 0.5), at most 1.25 per sentence.
   */
  readonly weight: number;
  readonly sentences: number;
  /** Introduced as a new thing: "there is a harvest share". */
  readonly introduced: number;
  /**
   * Sentences in which something is done to it: the object of a verb that is not stative
   * ("owners asked for a reminder", "an invoice can be paid"), not merely mentioned.
   */
  readonly acted: number;
  readonly tags: TermTagCounts;
  /** The first mentions (at most MENTIONS_KEPT_PER_TERM). */
  readonly mentions: readonly RawMention[];
}

/** A content verb by infinitive, with what it was done to. */
export interface RawVerb {
  /** "comment", "book", "sign". */
  readonly infinitive: string;
  /** As a CTA would name it, with its particle or preposition: "comment on", "sign up for". */
  readonly phrases: Readonly<Record<string, number>>;
  /** Its -ing form ("booking"): a nominalisation to look for. */
  readonly gerund: string;
  readonly count: number;
  /** 1 for each use with a person or role as its subject (a CTA), 0.6 otherwise. */
  readonly weight: number;
  /** The same for the uses without a direct object ("gardeners comment on announcements"). */
  readonly intransitiveCount: number;
  readonly intransitiveWeight: number;
  readonly sentences: number;
  /** Keys of the nouns right after it (its objects): "announcement" for "comment on announcements". */
  readonly objects: Readonly<Record<string, number>>;
  readonly mentions: readonly RawMention[];
}

/** Two names the text itself equates: "members (also called gardeners)". */
export interface SynonymLink {
  readonly a: string;
  readonly b: string;
  readonly s: number;
}

/** A noun named as an example of another: "tools — wheelbarrows, hoses". */
export interface ExampleLink {
  /** Key of the noun the examples are of. */
  readonly of: string;
  /** The example as written (lower case lemma). */
  readonly example: string;
  /** Key of the example's own term, when it was tagged as one. */
  readonly key: string | null;
  readonly s: number;
}

/** A noun said to be something another has: "a pet has a species, a breed…". */
export interface AttributeLink {
  /** Key of the noun that has it. */
  readonly of: string;
  readonly attribute: string;
  readonly s: number;
}

export interface SourceAnalysis {
  readonly version: number;
  /** [start, end) of the sentences mentions point to, in the source text. */
  readonly sentences: readonly Range[];
  readonly sentenceCount: number;
  readonly terms: readonly RawTerm[];
  readonly verbs: readonly RawVerb[];
  readonly synonyms: readonly SynonymLink[];
  readonly examples: readonly ExampleLink[];
  readonly attributes: readonly AttributeLink[];
  /** How the work went: chunks, total and longest synchronous block (ms). */
  readonly timing: AnalysisTiming;
}

export interface AnalysisTiming {
  readonly chunks: number;
  readonly totalMs: number;
  readonly longestBlockMs: number;
}

/** Enough sentences per term for a person to judge it; the counts keep the rest. */
export const MENTIONS_KEPT_PER_TERM = 25;
