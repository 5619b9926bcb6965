import { splitKept, type KeepRange } from './keep-text';

interface KeepTextProps {
  text: string;
  /** The part that must stay visible (see keep-text.ts); the rest gives way to ellipses. */
  keep: KeepRange;
  className?: string;
  /** The whole text on hover unless told otherwise; false when an enclosing element has the tooltip. */
  title?: string | false;
}

/**
 * One line of text cut to its room without losing what matters: `lab-e…1`, `127.0…:30205`.
 * The parts before and after the kept part shrink first, each with its own ellipsis.
 */
export function KeepText({ text, keep, className, title = text }: KeepTextProps) {
  const [head, kept, tail] = splitKept(text, keep);
  return (
    <span className={`keep-text${className ? ` ${className}` : ''}`} title={title === false ? undefined : title} data-keep={kept}>
      {head && <span className="keep-text__cut">{head}</span>}
      {kept && <span className="keep-text__kept">{kept}</span>}
      {tail && <span className="keep-text__cut">{tail}</span>}
    </span>
  );
}
