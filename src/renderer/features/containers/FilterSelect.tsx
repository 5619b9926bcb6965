import { useT } from '../../i18n';

interface FilterSelectProps {
  label: string;
  value: string | null;
  values: readonly string[];
  onChange(value: string | null): void;
  render?(value: string): string;
  testId: string;
  mono?: boolean;
}

/** A filter of the fleet as a select: every value, or all ("" means no filter). */
export function FilterSelect({ label, value, values, onChange, render = (v) => v, testId, mono = false }: FilterSelectProps) {
  const t = useT();
  return (
    <label className={`filter-select${value !== null ? ' filter-select--active' : ''}`}>
      <span className="filter-select__label">{label}</span>
      <select
        className={`select select--compact${mono ? ' mono' : ''}`}
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
        data-testid={testId}
      >
        <option value="">{t('containers.filter.all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {render(v)}
          </option>
        ))}
      </select>
    </label>
  );
}
