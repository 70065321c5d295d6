// A posting-list index of (customer, tag) links for evaluating one expression over many
// customers at once: each leaf becomes a bitset, and/or/not become word-wise operations.
// The index holds the links in the viewer's scope; a customer matches when any of those
// relations carries the tag (ARCHITECTURE §4), so links from several relations simply merge.
import type { EnterpriseTagId } from '../domain/tags';
import type { ResolvedNode } from './compile';

export interface TagLink {
  /** Dense customer number in [0, customerCount). */
  customer: number;
  tagId: EnterpriseTagId;
}

export class CustomerBitset {
  constructor(readonly words: Uint32Array, readonly size: number) {}
  static empty(size: number): CustomerBitset { return new CustomerBitset(new Uint32Array((size + 31) >>> 5), size); }

  has(customer: number): boolean { return ((this.words[customer >>> 5]! >>> (customer & 31)) & 1) === 1; }

  count(): number {
    let n = 0;
    for (let i = 0; i < this.words.length; i++) {
      let v = this.words[i]!;
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  /** Matching customer numbers in ascending order. */
  toArray(): number[] {
    const out: number[] = [];
    for (let w = 0; w < this.words.length; w++) {
      let v = this.words[w]!;
      while (v !== 0) {
        const bit = 31 - Math.clz32(v & -v);
        out.push((w << 5) | bit);
        v &= v - 1;
      }
    }
    return out;
  }
}

export class TagIndex {
  private readonly postings = new Map<EnterpriseTagId, Uint32Array>();

  private constructor(readonly customerCount: number) {}

  /** Builds the index; duplicate links (the same tag from two relations) are harmless. */
  static build(customerCount: number, links: Iterable<TagLink>): TagIndex {
    const index = new TagIndex(customerCount);
    const lists = new Map<EnterpriseTagId, number[]>();
    for (const { customer, tagId } of links) {
      if (customer < 0 || customer >= customerCount) throw new RangeError(`customer ${customer} outside [0, ${customerCount})`);
      let list = lists.get(tagId);
      if (!list) lists.set(tagId, (list = []));
      list.push(customer);
    }
    for (const [tagId, list] of lists) index.postings.set(tagId, Uint32Array.from(list).sort());
    return index;
  }

  /** How many customers carry this tag (before deduplication of repeated links). */
  postingLength(tagId: EnterpriseTagId): number { return this.postings.get(tagId)?.length ?? 0; }

  /**
   * Matching customers as a fresh bitset. Intermediate bitsets come from a scratch pool, so a
   * query allocates one result array however deep it is (no GC pauses in live filtering).
   */
  evaluate(node: ResolvedNode): CustomerBitset {
    const scratch = this.eval(node);
    const result = new CustomerBitset(scratch.slice(), this.customerCount);
    this.release(scratch);
    return result;
  }

  private readonly pool: Uint32Array[] = [];
  private take(): Uint32Array {
    const w = this.pool.pop();
    if (w) { w.fill(0); return w; }
    return new Uint32Array((this.customerCount + 31) >>> 5);
  }
  private release(w: Uint32Array): void { this.pool.push(w); }

  private orPostings(w: Uint32Array, tagIds: readonly EnterpriseTagId[]): void {
    for (const id of tagIds) {
      const p = this.postings.get(id);
      if (!p) continue;
      for (let i = 0; i < p.length; i++) { const c = p[i]!; w[c >>> 5]! |= 1 << (c & 31); }
    }
  }

  private eval(node: ResolvedNode): Uint32Array {
    const size = this.customerCount;
    const nWords = (size + 31) >>> 5;
    switch (node.kind) {
      case 'tags': {
        const w = this.take();
        this.orPostings(w, node.tagIds);
        return w;
      }
      case 'not': {
        const inner = this.eval(node.operand);
        for (let i = 0; i < nWords; i++) inner[i] = ~inner[i]!;
        // Bits past the last customer must stay clear, or count() would invent customers.
        if (size & 31) inner[nWords - 1]! &= (1 << (size & 31)) - 1;
        return inner;
      }
      case 'and':
      case 'or': {
        const [first, ...rest] = node.operands;
        const acc = this.eval(first!);
        for (const operand of rest) {
          // `x & !y` is the common shape (exclusions); fold it without materialising !y.
          const negated = node.kind === 'and' && operand.kind === 'not';
          const w = this.eval(negated ? operand.operand : operand);
          if (negated) for (let i = 0; i < nWords; i++) acc[i]! &= ~w[i]!;
          else if (node.kind === 'and') for (let i = 0; i < nWords; i++) acc[i]! &= w[i]!;
          else for (let i = 0; i < nWords; i++) acc[i]! |= w[i]!;
          this.release(w);
        }
        return acc;
      }
    }
  }
}
