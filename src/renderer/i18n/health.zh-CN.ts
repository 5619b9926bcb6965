import type { healthEn } from './health.en';

/** 对端无响应时的提示（并入 `zhCN`）。 */
export const healthZhCN: { readonly [K in keyof typeof healthEn]: string } = {
  'health.kind.docker': 'Docker 引擎',
  'health.kind.etcd': 'etcd',
  'health.kind.zabbix': 'Zabbix',
  'health.notResponding': '{kind} {name} 自 {since} 起无响应',
  'health.unreachable': '{kind} {name} 自 {since} 起无法连接',
  'health.asOf': '显示的是 {time}（{ago}）的数据；{name} 恢复响应后会自动更新。',
  'health.neverAnswered': '自控制台启动以来 {name} 从未响应，没有可显示的数据。',
  'health.part.member': 'etcd 成员 {endpoint}',
  'health.part.zabbixServer': 'Zabbix 服务器 {target}',
  'health.partDown': '{part} 自 {since} 起无响应',
  'health.partHint.etcd': '注册中心通过其他成员读取；只要多数成员响应，键和租约就保持最新。',
  'health.partHint.zabbix': 'API 仍有响应，但新的数值和问题未被处理：Zabbix 显示的内容可能已过时。',
  'health.engineRows': '其 {count} 个容器以灰色保留在表格中：状态为上述时间的状态。',
  'health.registryStale': '下方的键、租约和实例为该时间的状态；期间的变更会在 etcd 恢复响应后出现。',
  'health.zabbixStale': '下方的问题和数值为该时间的状态。',
  'health.incidentsStale': '依赖它的事件按该时间的数据判断；它恢复响应后会更新。',
  'health.logsStale': '期间其容器的日志暂停；恢复后从中断处继续，不丢失也不重复。',
};
