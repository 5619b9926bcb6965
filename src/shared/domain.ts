// The domain types, one file per area; import from here.
export * from './domain/audit';
export * from './domain/connections';
export * from './domain/containers';
export * from './domain/exec';
export * from './domain/logs';
export * from './domain/log-search';
export * from './domain/registry';
export * from './domain/scale';
export * from './domain/snapshot';
export * from './domain/timeline';
export * from './domain/topology';
export * from './domain/zabbix';
export * from './domain/watch';
export * from './domain/notifications';
export * from './domain/log-rules';
export * from './domain/diagnostics';
export * from './domain/session';
