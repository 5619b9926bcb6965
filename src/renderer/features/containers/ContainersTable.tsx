import type { ContainerSummary } from '../../../shared/domain';
import { useT, type PlainMessageKey } from '../../i18n';
import { ContainerStateBadge } from './ContainerStateBadge';
import { serviceLabel, type SortColumn, type SortOrder } from './container-list';

interface ContainersTableProps {
  containers: readonly ContainerSummary[];
  sort: SortOrder;
  onSort(order: SortOrder): void;
  /** Shown in the body when there are no rows. */
  emptyText: string;
}

const COLUMNS: ReadonlyArray<{ column: SortColumn; label: PlainMessageKey; className: string }> = [
  { column: 'engine', label: 'containers.col.host', className: 'col-host' },
  { column: 'name', label: 'containers.col.name', className: 'col-name' },
  { column: 'service', label: 'containers.col.service', className: 'col-service' },
  { column: 'image', label: 'containers.col.image', className: 'col-image' },
  { column: 'state', label: 'containers.col.state', className: 'col-state' },
  { column: 'status', label: 'containers.col.status', className: 'col-status' },
];

/** Every container of every engine, one dense row each. */
export function ContainersTable({ containers, sort, onSort, emptyText }: ContainersTableProps) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="data-table containers-table" data-testid="containers-table">
        <thead>
          <tr>
            {COLUMNS.map(({ column, label, className }) => {
              const active = sort.column === column;
              return (
                <th
                  key={column}
                  scope="col"
                  className={className}
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                >
                  <button
                    type="button"
                    className="th-sort"
                    title={t('containers.sortBy', { column: t(label) })}
                    onClick={() => onSort({ column, descending: active ? !sort.descending : false })}
                  >
                    {t(label)}
                    <span className="th-sort__arrow" aria-hidden="true">
                      {active ? (sort.descending ? '▼' : '▲') : ''}
                    </span>
                  </button>
                </th>
              );
            })}
            <th scope="col" className="col-id">
              {t('containers.col.id')}
            </th>
          </tr>
        </thead>
        <tbody>
          {containers.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length + 1} className="data-table__empty">
                {emptyText}
              </td>
            </tr>
          ) : (
            containers.map((container) => <ContainerRow key={`${container.engine}/${container.id}`} container={container} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

function ContainerRow({ container }: { container: ContainerSummary }) {
  const service = serviceLabel(container);
  return (
    <tr data-testid="container-row" data-engine={container.engine} data-name={container.name} data-state={container.state}>
      <td className="col-host mono">{container.engine}</td>
      <td className="col-name mono" title={container.name}>
        {container.name}
      </td>
      <td className="col-service" title={service}>
        {service || <span className="muted">—</span>}
      </td>
      <td className="col-image mono" title={container.image}>
        {container.image}
      </td>
      <td className="col-state">
        <ContainerStateBadge container={container} />
      </td>
      <td className="col-status" title={container.status}>
        {container.status}
      </td>
      <td className="col-id mono" title={container.id}>
        {container.id.slice(0, 12)}
      </td>
    </tr>
  );
}
