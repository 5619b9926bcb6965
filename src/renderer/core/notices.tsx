import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { dataAttributes } from '../components/data-attributes';
import { IconClose } from '../components/icons';
import './notices.css';

export type NoticeTone = 'info' | 'success' | 'error';
export interface NoticeOptions {
  /** data-testid of the notice ('notice' unless given). */
  testId?: string;
  /** Extra data-* attributes, e.g. { ok: 'true' }. */
  data?: Record<string, string>;
}
interface Notice extends NoticeOptions {
  id: number;
  tone: NoticeTone;
  text: string;
}

type Notify = (text: string, tone?: NoticeTone, options?: NoticeOptions) => void;
const NoticeContext = createContext<Notify | null>(null);
const VISIBLE_MS = 6000;

/** Short messages about the result of an action (e.g. one started from the palette). */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  const notify = useCallback<Notify>(
    (text, tone = 'info', options = {}) => {
      const id = nextId.current++;
      setNotices((list) => [...list.slice(-3), { id, tone, text, ...options }]);
      window.setTimeout(() => dismiss(id), tone === 'error' ? VISIBLE_MS * 2 : VISIBLE_MS);
    },
    [dismiss],
  );

  return (
    <NoticeContext.Provider value={notify}>
      {children}
      <NoticeStack notices={notices} onDismiss={dismiss} />
    </NoticeContext.Provider>
  );
}

function NoticeStack({ notices, onDismiss }: { notices: Notice[]; onDismiss(id: number): void }) {
  const t = useT();
  return (
    <div className="notice-stack" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div
          key={notice.id}
          className={`notice notice--${notice.tone}`}
          data-testid={notice.testId ?? 'notice'}
          {...dataAttributes(notice.data)}
        >
          <span className="notice__text">{notice.text}</span>
          <button type="button" className="icon-button" onClick={() => onDismiss(notice.id)} aria-label={t('common.dismiss')}>
            <IconClose />
          </button>
        </div>
      ))}
    </div>
  );
}

export function useNotify(): Notify {
  const value = useContext(NoticeContext);
  if (!value) throw new Error('useNotify() is used outside <NoticeProvider>');
  return value;
}
