import { describe, expect, it } from 'vitest';
import {
  EMPTY_SELECTION,
  addAll,
  countHidden,
  headerState,
  inShownOrder,
  prune,
  removeAll,
  selectRange,
  toggle,
  toggleAllShown,
} from './selection';
import { forEachBounded } from './concurrency';

const set = (...names: string[]) => new Set(names);
const sorted = (s: ReadonlySet<string>) => [...s].sort();
const SHOWN = ['a', 'b', 'c', 'd', 'e'];

describe('selection', () => {
  it('toggles one name without touching the given set', () => {
    const before = set('a');
    expect(sorted(toggle(before, 'b'))).toEqual(['a', 'b']);
    expect(sorted(toggle(before, 'a'))).toEqual([]);
    expect(sorted(before)).toEqual(['a']);
  });

  it('shift-click selects the range from the anchor, either way, in the order shown', () => {
    expect(sorted(selectRange(set('b'), SHOWN, 'b', 'd'))).toEqual(['b', 'c', 'd']);
    expect(sorted(selectRange(set('d'), SHOWN, 'd', 'a'))).toEqual(['a', 'b', 'c', 'd']);
    // In another order (sorted the other way) the same click covers other names.
    expect(sorted(selectRange(EMPTY_SELECTION, ['e', 'a', 'c', 'b'], 'a', 'b'))).toEqual(['a', 'b', 'c']);
  });

  it('shift-click on a selected row clears the range instead', () => {
    expect(sorted(selectRange(set('a', 'b', 'c', 'd', 'e'), SHOWN, 'b', 'd'))).toEqual(['a', 'e']);
  });

  it('without an anchor among the shown rows, shift-click toggles just the row', () => {
    expect(sorted(selectRange(EMPTY_SELECTION, SHOWN, null, 'c'))).toEqual(['c']);
    expect(sorted(selectRange(EMPTY_SELECTION, SHOWN, 'filtered-out', 'c'))).toEqual(['c']);
    const same = set('a');
    expect(selectRange(same, SHOWN, 'a', 'not-shown')).toBe(same);
  });

  it('select all takes every row that passes the filter, however many the virtualiser renders', () => {
    const shown = Array.from({ length: 1000 }, (_, i) => `vm-${i}`);
    const all = toggleAllShown(EMPTY_SELECTION, shown);
    expect(all.size).toBe(1000);
    expect(headerState(all, shown)).toBe('all');
    expect(toggleAllShown(all, shown).size).toBe(0);
  });

  it('select all keeps selected rows the filter hides, and clearing the shown ones keeps them too', () => {
    const withHidden = toggleAllShown(set('hidden'), ['a', 'b']);
    expect(sorted(withHidden)).toEqual(['a', 'b', 'hidden']);
    expect(countHidden(withHidden, ['a', 'b'])).toBe(1);
    expect(sorted(toggleAllShown(withHidden, ['a', 'b']))).toEqual(['hidden']);
  });

  it('a partly selected list makes the header mixed, and select all completes it', () => {
    expect(headerState(set('a'), SHOWN)).toBe('some');
    expect(headerState(set('x'), SHOWN)).toBe('none');
    expect(headerState(EMPTY_SELECTION, [])).toBe('none');
    expect(toggleAllShown(set('a'), SHOWN).size).toBe(5);
  });

  it('prunes instances that disappeared, and returns the same set when none did', () => {
    const selection = set('a', 'b', 'gone');
    expect(sorted(prune(selection, set('a', 'b', 'c')))).toEqual(['a', 'b']);
    const kept = set('a');
    expect(prune(kept, set('a', 'b'))).toBe(kept);
  });

  it('add and remove return the same set when nothing changes (no re-render)', () => {
    const s = set('a', 'b');
    expect(addAll(s, ['a'])).toBe(s);
    expect(removeAll(s, ['z'])).toBe(s);
  });

  it('orders the names to act on as shown, the hidden ones last', () => {
    expect(inShownOrder(set('hidden', 'c', 'a'), SHOWN)).toEqual(['a', 'c', 'hidden']);
  });
});

describe('forEachBounded', () => {
  it('never has more than the limit under way, goes on past failures, and finishes them all', async () => {
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    const items = Array.from({ length: 50 }, (_, i) => i);
    await forEachBounded(items, 8, async (i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, i % 3));
      inFlight--;
      if (i % 7 === 0) throw new Error(`refused ${i}`);
      done.push(i);
    });
    expect(most).toBe(8);
    expect(done).toHaveLength(50 - 8);
  });

  it('starts nothing more once stopped', async () => {
    const started: number[] = [];
    let stop = false;
    await forEachBounded([1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      if (i === 2) stop = true;
    }, () => stop);
    expect(started).toEqual([1, 2]);
  });
});
