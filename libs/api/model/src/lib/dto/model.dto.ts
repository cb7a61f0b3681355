import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTRIBUTE_KINDS,
  ATTRIBUTE_TYPES,
  CARDINALITIES,
  CRUD_CLASSES,
  PRIORITIES,
  SIP_ANSWERS,
} from '@orca/shared/domain';

// These classes describe the JSON for OpenAPI only. Requests are validated by the shared
// domain (validateChange), the same rules the browser applies, and errors name the field.

export class ObjectStateDoc {
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty({
    type: [String],
    description: 'Names of the states this one can move to',
  })
  transitions!: string[];
}

export class SipEntryDoc {
  @ApiProperty({ enum: SIP_ANSWERS, nullable: true, type: String }) answer!:
    | string
    | null;
  @ApiProperty() note!: string;
}

export class SipCheckDoc {
  @ApiProperty({ type: SipEntryDoc }) structure!: SipEntryDoc;
  @ApiProperty({ type: SipEntryDoc }) instances!: SipEntryDoc;
  @ApiProperty({ type: SipEntryDoc }) purpose!: SipEntryDoc;
}

export class MapPositionDoc {
  @ApiProperty() x!: number;
  @ApiProperty() y!: number;
}

export class OrcaObjectDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({
    maxLength: 120,
    description: 'Unique in the project (case-insensitive)',
  })
  name!: string;
  @ApiProperty({ description: 'Markdown' }) definition!: string;
  @ApiProperty({ type: [String] }) synonyms!: string[];
  @ApiProperty({ type: [String] }) examples!: string[];
  @ApiProperty({ type: [ObjectStateDoc] }) states!: ObjectStateDoc[];
  @ApiProperty({ type: SipCheckDoc }) sip!: SipCheckDoc;
  @ApiProperty({ type: [String] }) openQuestions!: string[];
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority!:
    | string
    | null;
  @ApiProperty({ minimum: 1, maximum: 10, nullable: true, type: Number })
  score!: number | null;
  @ApiProperty({ description: 'Fractional order key' }) orderKey!: string;
  @ApiProperty({ type: MapPositionDoc, nullable: true })
  position!: MapPositionDoc | null;
}

export class RelationshipDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'Row of the NOM' })
  fromObjectId!: string;
  @ApiProperty({ format: 'uuid', description: 'Column of the NOM' })
  toObjectId!: string;
  @ApiProperty({ example: 'has many' }) label!: string;
  @ApiProperty({ enum: CARDINALITIES }) cardinality!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty() mechanics!: string;
  @ApiProperty() sort!: string;
  @ApiProperty() filter!: string;
  @ApiProperty() dependency!: string;
  @ApiProperty() notes!: string;
}

export class RoleDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() archived!: boolean;
  @ApiProperty() orderKey!: string;
}

export class CtaDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) roleId!: string;
  @ApiProperty({ format: 'uuid' }) objectId!: string;
  @ApiProperty({ example: 'enroll in' }) verb!: string;
  @ApiProperty({ enum: CRUD_CLASSES }) crud!: string;
  @ApiProperty() primary!: boolean;
  @ApiProperty() preconditions!: string;
  @ApiProperty() postconditions!: string;
  @ApiProperty({ nullable: true, type: String }) requiredState!: string | null;
  @ApiProperty() userStory!: string;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority!:
    | string
    | null;
  @ApiProperty({ minimum: 1, maximum: 10, nullable: true, type: Number })
  score!: number | null;
  @ApiProperty() orderKey!: string;
}

export class AttributeDoc {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) objectId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ATTRIBUTE_TYPES }) type!: string;
  @ApiProperty({
    enum: ATTRIBUTE_KINDS,
    description: 'core content (yellow) or metadata (pink)',
  })
  kind!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ nullable: true, type: String }) defaultValue!: string | null;
  @ApiProperty({ type: [String] }) listValues!: string[];
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  referencedObjectId!: string | null;
  @ApiProperty() description!: string;
  @ApiProperty() source!: string;
  @ApiProperty() visibility!: string;
  @ApiProperty({ enum: PRIORITIES, nullable: true, type: String }) priority!:
    | string
    | null;
  @ApiProperty({ minimum: 1, maximum: 10, nullable: true, type: Number })
  score!: number | null;
  @ApiProperty() orderKey!: string;
}

export class ProjectModelDoc {
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/OrcaObjectDoc' },
  })
  objects!: Record<string, OrcaObjectDoc>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/RelationshipDoc' },
  })
  relationships!: Record<string, RelationshipDoc>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/RoleDoc' },
  })
  roles!: Record<string, RoleDoc>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/CtaDoc' },
  })
  ctas!: Record<string, CtaDoc>;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/AttributeDoc' },
  })
  attributes!: Record<string, AttributeDoc>;
}

export class ModelResponseDoc {
  @ApiProperty() rev!: number;
  @ApiProperty({ type: ProjectModelDoc }) model!: ProjectModelDoc;
}

export class ChangeRequestDoc {
  @ApiPropertyOptional({
    description:
      'Unique per client; a retry with the same id is not applied twice. Generated when omitted.',
  })
  mutationId?: string;
  @ApiPropertyOptional({ description: 'The rev the change is based on' })
  baseRev?: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'One change of the shared domain, e.g. {"kind":"object.move","id":"…","orderKey":"a1"} or {"kind":"priority.set","items":[…],"priority":"now"}',
  })
  change!: Record<string, unknown>;
}

export class EffectDoc {
  @ApiProperty({
    enum: ['removed', 'referenceCleared', 'requiredStateCleared', 'skipped'],
  })
  kind!: string;
}

export class OverwriteDoc {
  @ApiProperty({ enum: ['object', 'relationship', 'role', 'cta', 'attribute'] })
  itemKind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The field whose earlier value was replaced' })
  field!: string;
  @ApiProperty({ description: 'The rev of the write that was replaced' })
  rev!: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  actorId!: string | null;
  @ApiProperty() clientId!: string;
}

export class WriteResultDoc {
  @ApiProperty({ description: 'The project revision after this write' })
  rev!: number;
  @ApiProperty({ description: 'False when the model already held the change' })
  changed!: boolean;
  @ApiProperty({
    description: 'True when this mutation id was committed before (a retry)',
  })
  duplicate!: boolean;
  @ApiProperty({
    type: [EffectDoc],
    description:
      'What went with the change (cascaded deletes, cleared references)',
  })
  effects!: EffectDoc[];
  @ApiProperty({
    type: [OverwriteDoc],
    required: false,
    description:
      'Writes of others made after baseRev that this change replaced (last writer wins, per field)',
  })
  overwrote?: OverwriteDoc[];
}

export class ChangeEntryDoc {
  @ApiProperty() rev!: number;
  @ApiProperty() kind!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) change!: Record<
    string,
    unknown
  >;
  @ApiProperty({ type: [EffectDoc] }) effects!: EffectDoc[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    nullable: true,
    description:
      'The changes that revert this one, in order (they carry the previous values, e.g. the old name); null for imports and for changes logged before undo existed',
  })
  inverse!: Record<string, unknown>[] | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'On the changes of an undo: the rev they revert',
  })
  undoes!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The first rev of the undo that reverted this change, if any',
  })
  undoneBy!: number | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorId!:
    | string
    | null;
  @ApiProperty({ nullable: true, type: String }) actorName!: string | null;
  @ApiProperty() clientId!: string;
  @ApiProperty() mutationId!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class ChangePageDoc {
  @ApiProperty({ description: 'The current rev of the project' }) rev!: number;
  @ApiProperty({ type: [ChangeEntryDoc] }) changes!: ChangeEntryDoc[];
  @ApiProperty({
    description:
      'More changes follow: ask again with sinceRev = the last rev here',
  })
  hasMore!: boolean;
}

export class UndoRequestDoc {
  @ApiPropertyOptional({
    description:
      'A rev of one of my own changes to undo; default: my latest change that is not undone and not an undo',
  })
  rev?: number;
}

export class UndoResultDoc {
  @ApiProperty({ description: 'The project revision after the undo' })
  rev!: number;
  @ApiProperty({ description: 'The rev of the change that was reverted' })
  undone!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'The changes committed to revert it, in order (each also arrives as change:applied)',
  })
  changes!: Record<string, unknown>[];
  @ApiProperty({ type: [EffectDoc] })
  effects!: EffectDoc[];
  @ApiProperty({
    type: [OverwriteDoc],
    description:
      'Writes of others, made after the undone change, that the undo replaced (they are told too)',
  })
  overwrote!: OverwriteDoc[];
}

export class CheckSettingsDoc {
  @ApiProperty({ type: [String], description: 'Every check rule id' })
  rules!: string[];
  @ApiProperty({
    type: [String],
    description: 'The rules this project has switched off',
  })
  disabledRules!: string[];
}

export class UpdateCheckSettingsDoc {
  @ApiProperty({
    type: [String],
    description: 'The complete list of rules to switch off (empty: all on)',
  })
  disabledRules!: string[];
}

export class StarterRolesDoc {
  @ApiPropertyOptional({
    type: [String],
    description: 'Role names to add (default: Visitor, Member, Admin)',
  })
  names?: string[];
}

export class ReorderAttributesDoc {
  @ApiProperty({ format: 'uuid' }) objectId!: string;
  @ApiProperty({
    type: [String],
    description:
      "All of the object's attribute ids, in the new force-rank order",
  })
  attributeIds!: string[];
}

export class BulkResultDoc {
  @ApiProperty({ description: 'The project revision after the last change' })
  rev!: number;
  @ApiProperty({ description: 'How many changes were applied (one rev each)' })
  changes!: number;
  @ApiPropertyOptional({ type: [RoleDoc] }) roles?: RoleDoc[];
  @ApiPropertyOptional({ type: [AttributeDoc] }) attributes?: AttributeDoc[];
}
