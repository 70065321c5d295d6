// Moving a catalog group or tag up or down in WeCom's order (larger `order` first, ties by creation).
// One edit when there is room between the new neighbours; otherwise the editable items are
// renumbered (read-only groups cannot be edited and keep their value).

export interface Orderable {
  id: string;
  order: number;
  editable: boolean;
}

/** The `edit_corp_tag` order changes that put `items[from]` at position `to`. */
export function reorderPlan(items: readonly Orderable[], from: number, to: number): { id: string; order: number }[] {
  if (from === to || from < 0 || to < 0 || from >= items.length || to >= items.length) return [];
  const list = [...items];
  const [moved] = list.splice(from, 1);
  list.splice(to, 0, moved!);
  const prev = list[to - 1];
  const next = list[to + 1];
  // Strictly between the neighbours, so ties cannot put it back where it was.
  const lo = next ? next.order + 1 : 0;
  const hi = prev ? prev.order - 1 : Number.MAX_SAFE_INTEGER;
  if (moved!.editable && lo <= hi) {
    const order = prev ? lo : Math.max(lo, moved!.order);
    return order === moved!.order ? [] : [{ id: moved!.id, order }];
  }
  const n = list.length;
  return list.flatMap((it, i) => (it.editable && it.order !== (n - i) * 10 ? [{ id: it.id, order: (n - i) * 10 }] : []));
}
