/**
 * The dashboard's multi-selection as pure functions over a set of instance names. Names, not row indexes:
 * the list is refetched, re-sorted and re-filtered all the time, and a selection must mean the same
 * instances across all of that. Every function returns the set it was given when nothing changes, so a
 * caller's state (and React) can tell "no change" by identity.
 */
export type Selection = ReadonlySet<string>;

export const EMPTY_SELECTION: Selection = new Set();

export function toggle(selection: Selection, name: string): Selection {
  const next = new Set(selection);
  if (next.has(name)) next.delete(name);
  else next.add(name);
  return next;
}

/**
 * Shift-click: every name from the anchor (the row clicked last) to the target, both included, in the order
 * shown, takes the state the target is switching to. Without an anchor in the shown list, only the target
 * switches.
 */
export function selectRange(selection: Selection, shown: readonly string[], anchor: string | null, target: string): Selection {
  const to = shown.indexOf(target);
  const from = anchor === null ? -1 : shown.indexOf(anchor);
  if (to < 0) return selection;
  if (from < 0) return toggle(selection, target);
  const select = !selection.has(target);
  const range = shown.slice(Math.min(from, to), Math.max(from, to) + 1);
  return select ? addAll(selection, range) : removeAll(selection, range);
}

/** The header checkbox's "select all": every instance that passes the filter, rendered or not. */
export function addAll(selection: Selection, names: readonly string[]): Selection {
  if (names.every((n) => selection.has(n))) return selection;
  const next = new Set(selection);
  for (const n of names) next.add(n);
  return next;
}

export function removeAll(selection: Selection, names: readonly string[]): Selection {
  if (!names.some((n) => selection.has(n))) return selection;
  const next = new Set(selection);
  for (const n of names) next.delete(n);
  return next;
}

/** Drops the names of instances that no longer exist (deleted, here or elsewhere). */
export function prune(selection: Selection, existing: ReadonlySet<string>): Selection {
  for (const n of selection) {
    if (!existing.has(n)) return new Set([...selection].filter((name) => existing.has(name)));
  }
  return selection;
}

export type HeaderState = 'none' | 'some' | 'all';

/** What the header checkbox shows for the shown rows: unchecked, mixed, or checked. */
export function headerState(selection: Selection, shown: readonly string[]): HeaderState {
  if (shown.length === 0 || selection.size === 0) return 'none';
  let count = 0;
  for (const n of shown) if (selection.has(n)) count++;
  if (count === 0) return 'none';
  return count === shown.length ? 'all' : 'some';
}

/** Clicking the header: all shown rows selected becomes none of them, anything else becomes all of them. */
export function toggleAllShown(selection: Selection, shown: readonly string[]): Selection {
  return headerState(selection, shown) === 'all' ? removeAll(selection, shown) : addAll(selection, shown);
}

/** How many selected instances the filter hides: the bar says so, as bulk actions act on them too. */
export function countHidden(selection: Selection, shown: readonly string[]): number {
  if (selection.size === 0) return 0;
  let visible = 0;
  for (const n of shown) if (selection.has(n)) visible++;
  return selection.size - visible;
}

/** The selected names, the shown ones first in the order shown (so progress follows the list), then the hidden ones. */
export function inShownOrder(selection: Selection, shown: readonly string[]): string[] {
  const first = shown.filter((n) => selection.has(n));
  if (first.length === selection.size) return first;
  const placed = new Set(first);
  return [...first, ...[...selection].filter((n) => !placed.has(n))];
}
