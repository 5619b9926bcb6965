import { useMemo } from 'react';
import type { LogSelection } from '../../../shared/domain';
import { useHashQuery } from '../../core/router';
import { LogPicker } from './LogPicker';
import { LogView } from './LogView';
import './logs.css';

function selectionFrom(query: URLSearchParams): LogSelection | undefined {
  const engine = query.get('engine');
  const id = query.get('id');
  if (engine && id) return { containers: [{ engine, id }] };
  const project = query.get('project');
  const service = query.get('service');
  if (project && service) return { service: { project, service } };
  return undefined;
}

/** Logs of a container, a service or a selection (#/logs?engine=E&id=ID, ?project=P&service=S); without one, a picker. */
export function LogsScreen() {
  const query = useHashQuery();
  const selectionKey = query.toString();
  const selection = useMemo(() => selectionFrom(query), [selectionKey]);
  if (!selection) return <LogPicker />;
  // A new selection starts a fresh view (filters, search and pause do not carry over).
  return <LogView key={selectionKey} selection={selection} initialRange={{ since: query.get('since') ?? undefined, until: query.get('until') ?? undefined }} focusAt={query.get('at') ?? undefined} />;
}
