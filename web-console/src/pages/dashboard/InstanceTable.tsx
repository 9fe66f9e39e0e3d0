import { memo, useEffect, useRef, type ChangeEvent } from 'react';
import { Link } from 'react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Instance } from '../../api/instances';
import type { SortKey } from '../../lib/filter';
import type { HeaderState, Selection } from '../../lib/selection';
import { formatMiB, relativeTime } from '../../lib/format';
import { InstanceStatus } from '../../components/StatusBadge';
import { LiveUsage } from '../../components/LiveUsage';
import { InstanceActions } from '../../components/InstanceActions';

const COLUMNS: Array<{ key: SortKey | null; label: string; className: string }> = [
  { key: 'name', label: 'Name', className: 'col-name' },
  { key: 'status', label: 'Status', className: 'col-status' },
  { key: 'image', label: 'Image', className: 'col-image' },
  { key: 'cpu', label: 'CPU', className: 'col-cpu' },
  { key: 'memory', label: 'Memory', className: 'col-mem' },
  { key: 'host', label: 'Host', className: 'col-host' },
  { key: 'node', label: 'Node', className: 'col-node' },
  { key: null, label: 'Forwards', className: 'col-fwd' },
  { key: null, label: 'Actions', className: 'col-actions' },
];

/** Row checkboxes and the header's "select all"; absent for those who cannot act (viewers). */
export interface TableSelection {
  selection: Selection;
  header: HeaderState;
  toggleRow: (name: string, extendRange: boolean) => void;
  toggleAll: () => void;
}

interface TableProps {
  instances: Instance[];
  sort: SortKey;
  descending: boolean;
  onSort: (key: SortKey) => void;
  showActions: boolean;
  showUsage: boolean;
  emptyText: string;
  select?: TableSelection;
}

/** Only the rows in view are in the DOM, so 1,000 instances with 1 Hz sparklines stay smooth. */
export function InstanceTable({ instances, sort, descending, onSort, showActions, showUsage, emptyText, select }: TableProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: instances.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 56,
    overscan: 8,
    getItemKey: (index) => instances[index].name,
  });

  return (
    <div
      className={`table instance-table${select ? ' instance-table-selectable' : ''}`}
      role="table"
      aria-label="Instances"
      aria-rowcount={instances.length + 1}
      data-testid="instance-table"
    >
      <div className="thead" role="rowgroup">
        <div className="tr" role="row" aria-rowindex={1}>
          {select && (
            <div role="columnheader" className="th col-select">
              <SelectAllCheckbox state={select.header} shown={instances.length} onToggle={select.toggleAll} />
            </div>
          )}
          {COLUMNS.filter((c) => c.key !== null || c.label !== 'Actions' || showActions).map((c) => (
            <div
              key={c.label}
              role="columnheader"
              className={`th ${c.className}`}
              aria-sort={c.key && sort === c.key ? (descending ? 'descending' : 'ascending') : undefined}
            >
              {c.key ? (
                <button type="button" className="th-sort" onClick={() => onSort(c.key!)}>
                  {c.label}
                  <span aria-hidden="true">{sort === c.key ? (descending ? ' ▾' : ' ▴') : ''}</span>
                </button>
              ) : (
                c.label
              )}
            </div>
          ))}
        </div>
      </div>
      <div className="tbody-scroll" ref={scroller} role="rowgroup">
        {instances.length === 0 ? (
          <div className="empty" role="row">
            <div role="cell">{emptyText}</div>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const instance = instances[item.index];
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  className="virtual-row"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  <InstanceRow
                    instance={instance}
                    index={item.index}
                    showActions={showActions}
                    showUsage={showUsage}
                    selected={select ? select.selection.has(instance.name) : undefined}
                    onToggle={select?.toggleRow}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}

/** Checked when every shown row is selected, mixed when some are; it acts on every shown row, rendered or not. */
function SelectAllCheckbox({ state, shown, onToggle }: { state: HeaderState; shown: number; onToggle: () => void }) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // "Mixed" exists only as a DOM property, not as an attribute React could set.
    if (box.current) box.current.indeterminate = state === 'some';
  }, [state]);
  return (
    <input
      ref={box}
      type="checkbox"
      checked={state === 'all'}
      disabled={shown === 0}
      onChange={onToggle}
      aria-label={`Select all ${shown} shown`}
      data-testid="select-all"
    />
  );
}

/** A checkbox's change comes from a click (keyboard Space included): Shift held means a range. */
const shiftHeld = (event: ChangeEvent<HTMLInputElement>) => (event.nativeEvent as MouseEvent).shiftKey === true;

const InstanceRow = memo(function InstanceRow({
  instance,
  index,
  showActions,
  showUsage,
  selected,
  onToggle,
}: {
  instance: Instance;
  index: number;
  showActions: boolean;
  showUsage: boolean;
  /** Undefined when the table has no selection. */
  selected?: boolean;
  onToggle?: (name: string, extendRange: boolean) => void;
}) {
  const forwards = instance.forwards ?? [];
  return (
    <div
      className={`tr${selected ? ' tr-selected' : ''}`}
      role="row"
      aria-rowindex={index + 2}
      data-testid="instance-row"
      data-name={instance.name}
      data-status={instance.status}
      data-selected={selected}
    >
      {onToggle && (
        <div role="cell" className="td col-select">
          <input
            type="checkbox"
            checked={!!selected}
            onChange={(e) => onToggle(instance.name, shiftHeld(e))}
            aria-label={`Select ${instance.name}`}
            data-testid="row-select"
          />
        </div>
      )}
      <div role="cell" className="td col-name">
        <Link to={`/instances/${encodeURIComponent(instance.name)}`} className="instance-link">
          {instance.name}
        </Link>
        <span className="muted small">{relativeTime(instance.createdAt)}</span>
      </div>
      <div role="cell" className="td col-status">
        <InstanceStatus name={instance.name} status={instance.status} />
      </div>
      <div role="cell" className="td col-image" title={instance.image}>
        <span className="cell-label" aria-hidden="true">Image </span>
        {instance.image}
      </div>
      <div role="cell" className="td col-cpu">
        <span className="cell-label" aria-hidden="true">CPU </span>
        <span className="muted small">{instance.cpu}c</span>
        {showUsage && <LiveUsage instance={instance} kind="cpu" />}
      </div>
      <div role="cell" className="td col-mem">
        <span className="cell-label" aria-hidden="true">Memory </span>
        <span className="muted small">{formatMiB(instance.memoryMiB)}</span>
        {showUsage && <LiveUsage instance={instance} kind="memory" />}
      </div>
      <div role="cell" className="td col-host">
        <span className="cell-label" aria-hidden="true">Host </span>
        {instance.host ?? '—'}
      </div>
      <div role="cell" className="td col-node">
        <span className="cell-label" aria-hidden="true">Node </span>
        {instance.node ?? '—'}
      </div>
      <div role="cell" className="td col-fwd">
        {forwards.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <span title={forwards.map((f) => `${f.hostPort}→${f.containerPort}/${f.protocol}`).join(', ')}>
            {forwards
              .slice(0, 2)
              .map((f) => `${f.hostPort}→${f.containerPort}`)
              .join(', ')}
            {forwards.length > 2 && ` +${forwards.length - 2}`}
          </span>
        )}
      </div>
      {showActions && (
        <div role="cell" className="td col-actions">
          <InstanceActions instance={instance} compact />
        </div>
      )}
    </div>
  );
});
