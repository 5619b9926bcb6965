import type { AreaHandlers } from '../../core/handlers';
import type { AuditLog } from '../audit/audit-log';
import type { SnapshotService } from '../snapshot/snapshot-service';
import type { TimelineService } from './timeline-service';

/** What happened: the timeline, the audit trail and incident snapshots. */
export function timelineHandlers(timeline: TimelineService, audit: AuditLog, snapshots: SnapshotService): AreaHandlers<'audit.list', 'timeline.events' | 'snapshot.export'> {
  return {
    calls: {
      'audit.list': ({ limit }) => audit.list(limit),
    },
    streams: {
      'timeline.events': ({ since }, sink) =>
        timeline.subscribe(since, (events) => {
          for (const event of events) sink.push(event);
        }),
      'snapshot.export': (input, sink) => snapshots.export(input, sink),
    },
  };
}
