/** The CTA Matrix: roles down the side, objects across the top, several CTAs per cell. */
import type {
  CrudClass,
  Cta,
  Id,
  OrcaObject,
  ProjectModel,
  Role,
} from './model';
import { sortByOrder } from './ordering';
import { objectsInOrder, rolesInOrder } from './queries';

export interface CtaMatrixOptions {
  /** Keep only CTAs of these CRUD classes. */
  readonly crud?: CrudClass | readonly CrudClass[];
  /** Keep only primary CTAs. */
  readonly primaryOnly?: boolean;
  /** Show archived roles as rows (default true: their CTAs still exist). */
  readonly includeArchivedRoles?: boolean;
}

export interface CtaMatrixCell {
  readonly roleId: Id;
  readonly objectId: Id;
  /** In cell order. */
  readonly ctas: readonly Cta[];
}

export interface CtaMatrixRow {
  readonly role: Role;
  /** One cell per object, in object order. */
  readonly cells: readonly CtaMatrixCell[];
}

export interface CtaMatrix {
  readonly roles: readonly Role[];
  readonly objects: readonly OrcaObject[];
  readonly rows: readonly CtaMatrixRow[];
}

export function buildCtaMatrix(
  model: ProjectModel,
  options: CtaMatrixOptions = {},
): CtaMatrix {
  const crud =
    options.crud === undefined
      ? undefined
      : ([] as CrudClass[]).concat(options.crud);
  const roles = rolesInOrder(model).filter(
    (r) => options.includeArchivedRoles !== false || !r.archived,
  );
  const objects = objectsInOrder(model);
  const byCell = new Map<string, Cta[]>();
  for (const cta of Object.values(model.ctas)) {
    if (crud && !crud.includes(cta.crud)) continue;
    if (options.primaryOnly && !cta.primary) continue;
    const key = `${cta.roleId}\u0000${cta.objectId}`;
    byCell.set(key, [...(byCell.get(key) ?? []), cta]);
  }
  const rows = roles.map((role) => ({
    role,
    cells: objects.map((object) => ({
      roleId: role.id,
      objectId: object.id,
      ctas: sortByOrder(byCell.get(`${role.id}\u0000${object.id}`) ?? []),
    })),
  }));
  return { roles, objects, rows };
}
