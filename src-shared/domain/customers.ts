// Customers (WeCom external contacts) and the follow relations that carry enterprise tags.
// In WeCom a tag sits on the relation (member, customer), not on the customer, so every write
// names the relation it changes.
import type { MemberId } from './organization';
import type { EnterpriseTagId } from './tags';

export type CustomerId = string;

interface CustomerBase {
  id: CustomerId;
  name: string;
}

/** A WeChat user (WeCom external contact type 1). */
export interface WeChatCustomer extends CustomerBase {
  type: 1;
}

/** A contact at a partner company who uses WeCom (type 2); they come with their company. */
export interface PartnerCompanyContact extends CustomerBase {
  type: 2;
  corpName: string;
  corpFullName?: string;
  position?: string;
}

export type Customer = WeChatCustomer | PartnerCompanyContact;

/** One member's follow-up of one customer, and the enterprise tags that member put on it. */
export interface FollowRelation {
  member: MemberId;
  customer: CustomerId;
  enterpriseTagIds: readonly EnterpriseTagId[];
}

export const isPartnerCompanyContact = (c: Customer): c is PartnerCompanyContact => c.type === 2;
