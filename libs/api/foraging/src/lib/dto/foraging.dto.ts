import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FORAGING_SOURCE_NAME_MAX_LENGTH,
  FORAGING_TEXT_MAX_BYTES,
  type AddForagingSourceRequest,
  type AddForagingSourceResponse,
  type ForagingCandidateDto,
  type ForagingFlag,
  type ForagingFlagKind,
  type ForagingMention,
  type ForagingModelMatch,
  type ForagingOrigin,
  type ForagingOverviewDto,
  type ForagingRange,
  type ForagingSourceDto,
  type ForagingSourceWithTextDto,
  type ForagingSynonym,
  type ForagingTextFormat,
  type ForagingTiming,
  type ForagingVariant,
} from '@orca/shared/contracts';

const ORIGINS: ForagingOrigin[] = [
  'noun',
  'noun-phrase',
  'verb',
  'collection-member',
];
const FLAG_KINDS: ForagingFlagKind[] = [
  'collection',
  'collection-member',
  'abstract',
  'time',
  'generic-person',
  'mass',
  'medium',
  'example',
  'attribute',
  'named',
  'role',
];
const FORMATS: ForagingTextFormat[] = ['text', 'markdown'];

export class AddForagingSourceDoc implements AddForagingSourceRequest {
  @ApiPropertyOptional({
    description:
      'What to call the source in the list; default: its first line (or the file name)',
    maxLength: FORAGING_SOURCE_NAME_MAX_LENGTH,
    example: 'Interview 3 — garden coordinator',
  })
  name?: string;

  @ApiProperty({
    description: `The research text: at most ${FORAGING_TEXT_MAX_BYTES} bytes of UTF-8, no NUL characters`,
    example: 'Gardeners book a tool for a morning. Every plot has a gardener.',
  })
  text!: string;

  @ApiPropertyOptional({ enum: FORMATS, default: 'text' })
  format?: ForagingTextFormat;
}

export class ForagingUploadDoc {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `A .txt or .md file in UTF-8, at most ${FORAGING_TEXT_MAX_BYTES} bytes`,
  })
  file!: unknown;

  @ApiPropertyOptional({ maxLength: FORAGING_SOURCE_NAME_MAX_LENGTH })
  name?: string;
}

export class ForagingFlagDoc implements ForagingFlag {
  @ApiProperty({ enum: FLAG_KINDS }) kind!: ForagingFlagKind;
  @ApiProperty({
    example: 'A time word: when something happens is an attribute.',
  })
  reason!: string;
  @ApiProperty({ description: 'True when the flag lowers the rank' })
  demotes!: boolean;
}

export class ForagingRangeDoc implements ForagingRange {
  @ApiProperty() start!: number;
  @ApiProperty() end!: number;
}

export class ForagingMentionDoc implements ForagingMention {
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
  @ApiProperty({
    description: "Where the sentence starts in its source's text",
  })
  sentenceStart!: number;
  @ApiProperty() sentence!: string;
  @ApiProperty({
    type: [ForagingRangeDoc],
    description:
      'The matched words, as [start, end) in `sentence` (UTF-16 code units)',
  })
  ranges!: ForagingRangeDoc[];
  @ApiProperty({ enum: ORIGINS }) origin!: ForagingOrigin;
}

export class ForagingVariantDoc implements ForagingVariant {
  @ApiProperty({ example: 'plots' }) form!: string;
  @ApiProperty() count!: number;
}

export class ForagingSynonymDoc implements ForagingSynonym {
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'The sentence that equates the two names' })
  evidence!: string;
  @ApiProperty({ format: 'uuid' }) sourceId!: string;
}

export class ForagingModelMatchDoc implements ForagingModelMatch {
  @ApiProperty({ format: 'uuid' }) objectId!: string;
  @ApiProperty() objectName!: string;
  @ApiProperty({ enum: ['name', 'synonym'] }) via!: 'name' | 'synonym';
}

export class ForagingCandidateDoc implements ForagingCandidateDto {
  @ApiProperty({ example: 'work day' }) key!: string;
  @ApiProperty({ example: 'Work Day' }) name!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ description: '1 for the strongest candidate' }) rank!: number;
  @ApiProperty() mentionCount!: number;
  @ApiProperty() sentenceCount!: number;
  @ApiProperty() sourceCount!: number;
  @ApiProperty({ enum: ORIGINS, isArray: true }) origins!: ForagingOrigin[];
  @ApiProperty({ type: [ForagingFlagDoc] }) flags!: ForagingFlagDoc[];
  @ApiProperty() demoted!: boolean;
  @ApiProperty({ type: [ForagingVariantDoc] }) variants!: ForagingVariantDoc[];
  @ApiProperty({ type: [ForagingSynonymDoc] }) synonyms!: ForagingSynonymDoc[];
  @ApiProperty({ type: [String] }) examples!: string[];
  @ApiProperty({
    type: [String],
    description: 'Verbs that imply it, as a CTA names them',
  })
  verbs!: string[];
  @ApiProperty({ type: [String], description: 'Verbs done to it' })
  actions!: string[];
  @ApiProperty({
    type: [String],
    description: 'Candidates said to have it (an attribute hint)',
  })
  attributeOf!: string[];
  @ApiProperty({ type: [ForagingMentionDoc] }) mentions!: ForagingMentionDoc[];
  @ApiProperty({ type: ForagingModelMatchDoc, nullable: true })
  inModel!: ForagingModelMatchDoc | null;
}

export class ForagingPersonDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}

export class ForagingSourceDoc implements ForagingSourceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) projectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: FORMATS }) format!: ForagingTextFormat;
  @ApiProperty({ description: 'Size in bytes of UTF-8' }) bytes!: number;
  @ApiProperty() characters!: number;
  @ApiProperty() sentenceCount!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: ForagingPersonDoc, nullable: true })
  createdBy!: ForagingPersonDoc | null;
}

export class ForagingSourceWithTextDoc
  extends ForagingSourceDoc
  implements ForagingSourceWithTextDto
{
  @ApiProperty() text!: string;
}

export class ForagingOverviewDoc implements ForagingOverviewDto {
  @ApiProperty({ type: [ForagingSourceDoc] }) sources!: ForagingSourceDoc[];
  @ApiProperty({
    type: [ForagingCandidateDoc],
    description: 'The strongest candidates of all sources together, ranked',
  })
  candidates!: ForagingCandidateDoc[];
  @ApiProperty({ description: 'All candidates found' })
  candidateCount!: number;
}

export class ForagingTimingDoc implements ForagingTiming {
  @ApiProperty() chunks!: number;
  @ApiProperty() totalMs!: number;
  @ApiProperty({
    description:
      'The longest the tagger worked without a break, in its worker thread (ms)',
  })
  longestBlockMs!: number;
}

export class AddForagingSourceResponseDoc
  extends ForagingOverviewDoc
  implements AddForagingSourceResponse
{
  @ApiProperty({ type: ForagingSourceDoc }) source!: ForagingSourceDoc;
  @ApiProperty({ type: ForagingTimingDoc }) timing!: ForagingTimingDoc;
}
