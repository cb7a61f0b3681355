/**
 * Noun foraging (ORCA round 1): research text in, candidate objects out, each linked to the
 * sentences it came from. `POST /projects/:projectId/foraging` takes `{name?, text}` as JSON or a
 * `.txt`/`.md` file as multipart/form-data (field `file`).
 */

/** The largest text or file accepted, in bytes of UTF-8 (1 MiB). */
export const FORAGING_TEXT_MAX_BYTES = 1_048_576;
export const FORAGING_SOURCE_NAME_MAX_LENGTH = 120;
/** File names a person may upload (plain text and Markdown). */
export const FORAGING_FILE_EXTENSIONS = ['.txt', '.md', '.markdown'] as const;
/** The multipart field that carries the file. */
export const FORAGING_FILE_FIELD = 'file';

export type ForagingTextFormat = 'text' | 'markdown';

/** How a candidate was found. */
export type ForagingOrigin =
  /** A noun on its own: "plots" → Plot. */
  | 'noun'
  /** A compound noun: "work days" → Work Day. */
  | 'noun-phrase'
  /** A verb that implies a thing: "gardeners comment" → Comment, "book a tool" → Booking. */
  | 'verb'
  /** What a collection holds: "the waiting list" → Waiting List entry. */
  | 'collection-member';

export type ForagingFlagKind =
  | 'collection'
  | 'collection-member'
  | 'abstract'
  | 'time'
  | 'generic-person'
  | 'mass'
  | 'medium'
  | 'example'
  | 'attribute'
  | 'named'
  | 'role';

export interface ForagingFlag {
  kind: ForagingFlagKind;
  /** Why, in words a practitioner reads. */
  reason: string;
  /** True when the flag lowers the candidate's rank. */
  demotes: boolean;
}

/** [start, end) in the mention's `sentence`, in UTF-16 code units (JavaScript string indices). */
export interface ForagingRange {
  start: number;
  end: number;
}

export interface ForagingMention {
  sourceId: string;
  /** Where the sentence starts in its source's text. */
  sentenceStart: number;
  sentence: string;
  /** The matched words, to highlight. */
  ranges: ForagingRange[];
  origin: ForagingOrigin;
}

export interface ForagingVariant {
  /** As written, lower case: "plots", "plot fees", "work-day". */
  form: string;
  count: number;
}

/** A different word the research uses for the same thing (grouped into the candidate). */
export interface ForagingSynonym {
  key: string;
  name: string;
  count: number;
  /** The sentence that says so ("members, also called gardeners"). */
  evidence: string;
  sourceId: string;
}

/** The object of the model a candidate already is, by name or synonym. */
export interface ForagingModelMatch {
  objectId: string;
  objectName: string;
  via: 'name' | 'synonym';
}

export interface ForagingCandidateDto {
  /** Stable for the same words: the lower-case lemma, "work day", "waiting list entry". */
  key: string;
  /** Singular, Title Case: "Work Day", "Waiting List entry". */
  name: string;
  score: number;
  /** 1 for the strongest candidate. */
  rank: number;
  mentionCount: number;
  sentenceCount: number;
  sourceCount: number;
  origins: ForagingOrigin[];
  flags: ForagingFlag[];
  /** Some flag lowers its rank: shown quieter. */
  demoted: boolean;
  variants: ForagingVariant[];
  synonyms: ForagingSynonym[];
  /** Named instances the research lists ("wheelbarrow", "hose" for Tool). */
  examples: string[];
  /** The verbs that imply it, as a CTA would name them ("comment on", "book"). */
  verbs: string[];
  /** Verbs done to it in the research ("book", "bring back"): CTAs to consider. */
  actions: string[];
  /** Names of the candidates said to have it ("a pet has a breed" → Breed: ["Pet"]). */
  attributeOf: string[];
  /** The first mentions (the counts keep the rest), across sources in turn. */
  mentions: ForagingMention[];
  /** Already in the model (when the response was made; pages re-check live). */
  inModel: ForagingModelMatch | null;
}

export interface ForagingSourceDto {
  id: string;
  projectId: string;
  name: string;
  format: ForagingTextFormat;
  /** Size in bytes of UTF-8. */
  bytes: number;
  characters: number;
  sentenceCount: number;
  createdAt: string;
  createdBy: { id: string; displayName: string } | null;
}

export interface ForagingSourceWithTextDto extends ForagingSourceDto {
  text: string;
}

/** The project's sources and the candidates of all of them together, ranked. */
export interface ForagingOverviewDto {
  sources: ForagingSourceDto[];
  candidates: ForagingCandidateDto[];
  /** All candidates found; `candidates` holds the strongest of them. */
  candidateCount: number;
}

export interface AddForagingSourceRequest {
  name?: string;
  text: string;
  /** Plain text unless said otherwise. */
  format?: ForagingTextFormat;
}

export interface ForagingTiming {
  chunks: number;
  totalMs: number;
  /** The longest the tagger worked without a break, in its worker thread (ms). */
  longestBlockMs: number;
}

export interface AddForagingSourceResponse extends ForagingOverviewDto {
  source: ForagingSourceDto;
  timing: ForagingTiming;
}

/** Who added or removed a source. */
export interface ForagingActor {
  id: string;
  displayName: string;
}

/**
 * A project's research changed: a source was added or removed (socket event `foraging:changed`,
 * to every member in the project's room). The candidates are ranked over all sources together,
 * so a page that shows them reads `GET …/foraging` again.
 */
export type ForagingChangedEvent =
  | {
      projectId: string;
      kind: 'source-added';
      source: ForagingSourceDto;
      actor: ForagingActor;
    }
  | {
      projectId: string;
      kind: 'source-removed';
      sourceId: string;
      actor: ForagingActor;
    };
