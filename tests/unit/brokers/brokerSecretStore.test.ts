import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SafeStorageLike } from '../../../src/main/hosts/brokerSecretStore';
import {
  exportBrokerSecrets,
  loadBrokerSecretsFromStore,
  saveBrokerSecrets,
} from '../../../src/main/hosts/brokerSecretStore';

/** A stand-in for Electron's safeStorage (Electron cannot run here): a reversible byte scramble. */
const storage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  encryptString: (text) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
  decryptString: (data) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8'),
};

describe('desktop broker secret store', () => {
  it('stores secrets encrypted with mode 0600 and exports them to the environment without overriding it', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-secret-store-'));
    saveBrokerSecrets(dataDir, { alpacaKeyId: 'PKSTORE1', alpacaSecretKey: 'stored-secret-42' }, storage);
    const file = path.join(dataDir, 'broker-secrets.bin');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file).includes(Buffer.from('stored-secret-42'))).toBe(false);
    const loaded = loadBrokerSecretsFromStore(dataDir, storage);
    const env: NodeJS.ProcessEnv = { SCALPDESK_ALPACA_KEY_ID: 'PKFROMENV' };
    exportBrokerSecrets(loaded, env);
    expect(env).toEqual({
      SCALPDESK_ALPACA_KEY_ID: 'PKFROMENV',
      SCALPDESK_ALPACA_SECRET_KEY: 'stored-secret-42',
    });
  });
});
