/**
 * One name per service across the console: the platform's `app_ENV` (its registry keys, its
 * Zabbix tags, incidents, topology and timeline all say `user_PROD`). Compose's
 * `project/service` (`prod/user`) is an alias: shown beside the name where it helps, found by
 * search, never instead of it. A container whose environment is not known keeps the compose name.
 */
export interface ServiceNaming {
  project?: string;
  service?: string;
  environment?: string;
}

/** `app_ENV`, or undefined when the compose service or the environment is not known. */
export function platformServiceName(s: Pick<ServiceNaming, 'service' | 'environment'>): string | undefined {
  return s.service && s.environment ? `${s.service}_${s.environment}` : undefined;
}

/** `project/service`, the service alone outside a project, '' outside compose. */
export function composeServiceName(s: Pick<ServiceNaming, 'project' | 'service'>): string {
  if (!s.service) return '';
  return s.project ? `${s.project}/${s.service}` : s.service;
}

/** The name to show: the platform's, else compose's ('' outside compose). */
export function serviceDisplayName(s: ServiceNaming): string {
  return platformServiceName(s) ?? composeServiceName(s);
}

/** The other names the service goes by (searchable, shown in muted type or a tooltip). */
export function serviceAliases(s: ServiceNaming): string[] {
  const name = serviceDisplayName(s);
  return [...new Set([composeServiceName(s), s.service ?? ''])].filter((alias) => alias && alias !== name);
}
