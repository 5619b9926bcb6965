import type { AreaHandlers } from '../../core/handlers';
import type { Notifier } from './notifier';
import type { WatchService } from './watch-service';

export function watchHandlers(
  watch: WatchService,
  notifier: Notifier,
): AreaHandlers<'notifications.rules' | 'notifications.setRules' | 'notifications.snooze', 'watch.view' | 'notifications.incidents'> {
  return {
    calls: {
      'notifications.rules': () => notifier.getRules(),
      'notifications.setRules': (rules) => notifier.setRules(rules),
      'notifications.snooze': ({ service, minutes }) => notifier.snooze(service, minutes),
    },
    streams: {
      'watch.view': (_input, sink) => watch.subscribe((view) => sink.push(view)),
      'notifications.incidents': (_input, sink) => {
        watch.start();
        return notifier.onNotification((notification) => sink.push(notification));
      },
    },
  };
}
