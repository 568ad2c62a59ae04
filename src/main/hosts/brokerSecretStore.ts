import fs from 'node:fs';
import path from 'node:path';
import type { BrokerSecrets } from '../brokers/config/brokerSecrets';
import { BROKER_SECRET_ENV, brokerSecretsSchema } from '../brokers/config/brokerSecrets';

/**
 * Broker secrets in desktop mode: encrypted with Electron `safeStorage` (the OS keychain: Keychain,
 * DPAPI, libsecret) into `<dataDir>/broker-secrets.bin`, mode 0600, so the file alone is useless. At
 * start they are put into this process's environment under the same names the headless host reads,
 * which the core worker inherits; they are never written in clear anywhere. The Broker settings
 * window saves through `saveBrokerSecrets`. (Code path only where Electron cannot run.)
 */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const fileOf = (dataDir: string): string => path.join(dataDir, 'broker-secrets.bin');

export function saveBrokerSecrets(dataDir: string, secrets: BrokerSecrets, storage: SafeStorageLike): void {
  if (!storage.isEncryptionAvailable())
    throw new Error('the OS keychain is not available: set the broker secrets in the environment instead');
  const parsed = brokerSecretsSchema.parse(secrets);
  const file = fileOf(dataDir);
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, storage.encryptString(JSON.stringify(parsed)), { mode: 0o600 });
  fs.renameSync(temp, file);
}

export function loadBrokerSecretsFromStore(dataDir: string, storage: SafeStorageLike): BrokerSecrets {
  const file = fileOf(dataDir);
  if (!fs.existsSync(file) || !storage.isEncryptionAvailable()) return {};
  return brokerSecretsSchema.parse(JSON.parse(storage.decryptString(fs.readFileSync(file))));
}

/** The environment wins (a trader's explicit override); stored secrets fill the gaps. */
export function exportBrokerSecrets(secrets: BrokerSecrets, env: NodeJS.ProcessEnv): void {
  for (const [field, name] of Object.entries(BROKER_SECRET_ENV) as [keyof BrokerSecrets, string][]) {
    const value = secrets[field];
    if (value && !env[name]) env[name] = value;
  }
}
