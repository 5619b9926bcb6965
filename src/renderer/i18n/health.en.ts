/** English text for peers that stop answering, shown on every screen that uses their data (spread into `en`). */
export const healthEn = {
  'health.kind.docker': 'Docker engine',
  'health.kind.etcd': 'etcd',
  'health.kind.zabbix': 'Zabbix',
  'health.notResponding': '{kind} {name} not responding since {since}',
  'health.unreachable': '{kind} {name} unreachable since {since}',
  'health.asOf': 'Showing data as of {time} ({ago}); it updates by itself when {name} answers again.',
  'health.neverAnswered': '{name} has not answered since the console started; nothing from it is shown.',
  'health.part.member': 'etcd member {endpoint}',
  'health.part.zabbixServer': 'Zabbix server {target}',
  'health.partDown': '{part} not responding since {since}',
  'health.partHint.etcd': 'The registry is read through the other members; keys and leases stay current while a majority answers.',
  'health.partHint.zabbix': 'The API answers, but new values and problems are not processed: what Zabbix shows may be stale.',
  'health.engineRows': 'Its {count} containers stay in the table, greyed out: their state is as of the time above.',
  'health.registryStale': 'Keys, leases and instances below are as of that time; changes made meanwhile appear when etcd answers.',
  'health.zabbixStale': 'Problems and values below are as of that time.',
  'health.logsStale': 'Lines from its containers stop meanwhile; the follow resumes where it stopped, with nothing missing or doubled.',
} as const;
