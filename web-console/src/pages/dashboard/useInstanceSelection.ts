import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Instance } from '../../api/instances';
import {
  EMPTY_SELECTION,
  countHidden,
  headerState,
  prune,
  selectRange,
  toggle,
  toggleAllShown,
  type Selection,
} from '../../lib/selection';

/**
 * The dashboard's selection of instances, by name. `all` is every instance loaded (to drop the ones that
 * disappear), `shown` the names that pass the filter, in the order shown (for ranges and "select all").
 * The callbacks are stable, so the memoised rows re-render only when their own checkbox changes.
 */
export function useInstanceSelection(all: Instance[] | undefined, shown: readonly string[]) {
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  // The row clicked last: the other end of a shift-click range.
  const anchor = useRef<string | null>(null);
  const shownNow = useRef(shown);

  useEffect(() => {
    shownNow.current = shown;
  }, [shown]);

  useEffect(() => {
    if (!all) return;
    const existing = new Set(all.map((i) => i.name));
    setSelection((current) => prune(current, existing));
    if (anchor.current !== null && !existing.has(anchor.current)) anchor.current = null;
  }, [all]);

  const toggleRow = useCallback((name: string, extendRange: boolean) => {
    // Read before the state update runs: the updater may run later, and twice under StrictMode.
    const from = anchor.current;
    const order = shownNow.current;
    anchor.current = name;
    setSelection((current) => (extendRange ? selectRange(current, order, from, name) : toggle(current, name)));
  }, []);

  const toggleAll = useCallback(() => {
    const order = shownNow.current;
    setSelection((current) => toggleAllShown(current, order));
  }, []);

  const clear = useCallback(() => {
    anchor.current = null;
    setSelection(EMPTY_SELECTION);
  }, []);

  const header = useMemo(() => headerState(selection, shown), [selection, shown]);
  const hidden = useMemo(() => countHidden(selection, shown), [selection, shown]);

  return { selection, header, hidden, toggleRow, toggleAll, clear };
}
