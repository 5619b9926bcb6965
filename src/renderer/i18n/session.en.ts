/** English text of the session restore: the offer to reopen the terminals (spread into `en`). */
export const sessionEn = {
  'session.offer.label': 'Terminals from the last run',
  'session.offer.title': 'Terminals open when the console last ran: {count}',
  'session.offer.item': '{name} on {engine}',
  'session.offer.defaultShell': 'default shell',
  'session.offer.reopen': 'Reopen',
  'session.offer.dismiss': 'Dismiss',
  'session.offer.more': 'and {count} more',
  'session.offer.hint': 'Not reconnected by themselves: Reopen asks the usual exec confirmation.',
  'session.offer.gone': 'Cannot reopen: {message}',
} as const;
