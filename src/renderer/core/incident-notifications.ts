import { useCallback } from 'react';
import type { IncidentNotification } from '../../shared/domain';
import { useResilientStream } from '../api/use-resilient-stream';

const NO_INPUT = {};

/**
 * In browser mode the page raises the notifications the main side decides on (Web
 * Notifications, once the user allowed them); a click brings the console to the incidents.
 * The desktop app raises OS notifications from its main process instead.
 */
export function useBrowserNotifications(enabled: boolean): void {
  const onItems = useCallback((items: IncidentNotification[]) => {
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    for (const item of items) {
      const notification = new Notification(item.title, { body: item.body, tag: item.incident });
      notification.onclick = () => {
        window.focus();
        window.location.hash = '#/incidents';
      };
    }
  }, []);
  useResilientStream('notifications.incidents', enabled ? NO_INPUT : undefined, onItems);
}
