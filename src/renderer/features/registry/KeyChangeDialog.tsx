import type { RegistryKey } from '../../../shared/domain';
import { isProductionKey, keyEnvironment } from '../../../shared/production';
import { client } from '../../api';
import { useAppInfo } from '../../core/app-info';
import { formatBytes } from '../../core/bytes';
import { useT } from '../../i18n';
import { ChangeDialog } from './ChangeDialog';
import { previewValue } from './value-format';

/** A put or a delete waiting for its confirmation. */
export type PendingChange = { action: 'put'; key: string; value: string } | { action: 'delete'; key: string };

/** Confirms a put or a delete of one key (production keys ask for the key typed). */
export function KeyChangeDialog({ pending, current, onClose, onDone }: { pending: PendingChange; current?: RegistryKey; onClose(): void; onDone(): void }) {
  const t = useT();
  const { info } = useAppInfo();
  const production = isProductionKey(pending.key, info?.productionEnvironments ?? []);
  const env = production ? keyEnvironment(pending.key) : undefined;
  const currentFacts = current
    ? [
        { label: t('registry.fact.currentValue'), value: previewValue(current.value, current.valueKind, 200), mono: true },
        { label: t('registry.fact.lease'), value: current.lease === '0' ? t('registry.instance.noLease') : current.lease, mono: current.lease !== '0' },
      ]
    : [];

  if (pending.action === 'put')
    return (
      <ChangeDialog
        action="put"
        title={current ? t('registry.put.confirmTitleEdit') : t('registry.put.confirmTitleNew')}
        description={
          current
            ? current.lease !== '0'
              ? t('registry.put.describeLeased', { key: pending.key, lease: current.lease })
              : t('registry.put.describeEdit', { key: pending.key })
            : t('registry.put.describeNew', { key: pending.key })
        }
        facts={[
          { label: t('registry.fact.key'), value: pending.key, mono: true },
          ...currentFacts,
          { label: t('registry.fact.newValue'), value: pending.value === '' ? t('registry.value.empty') : previewValue(pending.value, 'text', 200), mono: true },
          { label: t('registry.fact.size'), value: formatBytes(new TextEncoder().encode(pending.value).length) },
        ]}
        productionEnv={env}
        word={production ? pending.key : undefined}
        danger={!!current}
        confirmLabel={t('registry.put.save')}
        run={async (confirmName) => {
          const result = await client.invoke('registry.put', { key: pending.key, value: pending.value, ...(confirmName !== undefined ? { confirmName } : {}) });
          return t('registry.put.done', { key: pending.key, revision: result.revision });
        }}
        onClose={onClose}
        onDone={onDone}
      />
    );

  return (
    <ChangeDialog
      action="delete"
      title={t('registry.delete.title')}
      description={t('registry.delete.describe', { key: pending.key })}
      facts={[{ label: t('registry.fact.key'), value: pending.key, mono: true }, ...currentFacts]}
      productionEnv={env}
      word={production ? pending.key : undefined}
      confirmLabel={t('registry.keys.delete')}
      run={async (confirmName) => {
        const result = await client.invoke('registry.delete', { key: pending.key, ...(confirmName !== undefined ? { confirmName } : {}) });
        return t('registry.delete.done', { key: pending.key, count: result.deleted, revision: result.revision });
      }}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
