// Builds a TagIndex from follow relations as the store holds them: customers get dense numbers,
// and only relations in the viewer's scope contribute tags (own relations for staff, the team's
// for supervisors, all for admins — the caller passes that filter from the permission engine).
import type { CustomerId, FollowRelation } from '../domain/customers';
import { TagIndex, type TagLink } from './tag-index';

export interface RelationTagIndex {
  index: TagIndex;
  /** customers[i] is the customer numbered i in the index's bitsets. */
  customers: readonly CustomerId[];
}

export function indexRelations(relations: Iterable<FollowRelation>, inScope: (r: FollowRelation) => boolean = () => true): RelationTagIndex {
  const numberOf = new Map<CustomerId, number>();
  const customers: CustomerId[] = [];
  const links: TagLink[] = [];
  for (const r of relations) {
    let n = numberOf.get(r.customer);
    if (n === undefined) { n = customers.length; numberOf.set(r.customer, n); customers.push(r.customer); }
    // Out-of-scope relations still number their customer, so "not" counts every known customer.
    if (!inScope(r)) continue;
    for (const tagId of r.enterpriseTagIds) links.push({ customer: n, tagId });
  }
  return { index: TagIndex.build(customers.length, links), customers };
}
