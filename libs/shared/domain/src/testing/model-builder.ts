/** Builds small models for tests through applyChange, so every built model is a valid one. */
import { applyChange } from '../lib/apply-change';
import {
  emptyModel,
  newAttribute,
  newCta,
  newObject,
  newRelationship,
  newRole,
  type Attribute,
  type AttributeType,
  type Cardinality,
  type CrudClass,
  type Cta,
  type Id,
  type OrcaObject,
  type ProjectModel,
  type Relationship,
  type Role,
} from '../lib/model';
import { orderKeyAtEnd } from '../lib/ordering';
import { attributesOf, ctasInCell } from '../lib/queries';
import { testId } from './ids';

export class ModelBuilder {
  private model: ProjectModel = emptyModel();
  private counter = 0;

  constructor(private readonly idPrefix = '') {}

  private nextId(kind: string): Id {
    this.counter += 1;
    return testId(`${this.idPrefix}${kind}-${this.counter}`);
  }

  object(name: string, init: Partial<OrcaObject> = {}): Id {
    const id = init.id ?? this.nextId('object');
    const object = newObject({
      id,
      name,
      orderKey: orderKeyAtEnd(Object.values(this.model.objects)),
      ...init,
    });
    this.model = applyChange(this.model, {
      kind: 'object.create',
      object,
    }).model;
    return id;
  }

  role(name: string, init: Partial<Role> = {}): Id {
    const id = init.id ?? this.nextId('role');
    const role = newRole({
      id,
      name,
      orderKey: orderKeyAtEnd(Object.values(this.model.roles)),
      ...init,
    });
    this.model = applyChange(this.model, { kind: 'role.create', role }).model;
    return id;
  }

  relationship(
    fromObjectId: Id,
    toObjectId: Id,
    cardinality: Cardinality,
    init: Partial<Relationship> = {},
  ): Id {
    const id = init.id ?? this.nextId('relationship');
    const relationship = newRelationship({
      id,
      fromObjectId,
      toObjectId,
      cardinality,
      ...init,
    });
    this.model = applyChange(this.model, {
      kind: 'relationship.create',
      relationship,
    }).model;
    return id;
  }

  /** Both cells of a pair, the second with the mirrored cardinality. */
  nest(
    parent: Id,
    child: Id,
    cardinality: Cardinality = 'one-to-many',
  ): [Id, Id] {
    const mirror: Record<Cardinality, Cardinality> = {
      'one-to-one': 'one-to-one',
      'one-to-many': 'many-to-one',
      'many-to-one': 'one-to-many',
      'many-to-many': 'many-to-many',
    };
    return [
      this.relationship(parent, child, cardinality),
      this.relationship(child, parent, mirror[cardinality]),
    ];
  }

  attribute(
    objectId: Id,
    name: string,
    type: AttributeType = 'text',
    init: Partial<Attribute> = {},
  ): Id {
    const id = init.id ?? this.nextId('attribute');
    const attribute = newAttribute({
      id,
      objectId,
      name,
      type,
      orderKey: orderKeyAtEnd(attributesOf(this.model, objectId)),
      ...init,
    });
    this.model = applyChange(this.model, {
      kind: 'attribute.create',
      attribute,
    }).model;
    return id;
  }

  cta(
    roleId: Id,
    objectId: Id,
    verb: string,
    crud: CrudClass = 'read',
    init: Partial<Cta> = {},
  ): Id {
    const id = init.id ?? this.nextId('cta');
    const cta = newCta({
      id,
      roleId,
      objectId,
      verb,
      crud,
      orderKey: orderKeyAtEnd(ctasInCell(this.model, roleId, objectId)),
      ...init,
    });
    this.model = applyChange(this.model, { kind: 'cta.create', cta }).model;
    return id;
  }

  build(): ProjectModel {
    return this.model;
  }
}

/** A counter id generator for fromInterchange. */
export { sequentialTestIds as sequentialIds } from './ids';
