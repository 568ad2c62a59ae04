import type { HostHandlers } from './coreForwarding';
import type { BrokerSecrets } from '../brokers/config/brokerSecrets';
import type { Settings } from '../platform/settings';
import { loadSettings, saveSettings } from '../platform/settings';
import type { ConnectionStatusView } from '../../shared/api/connectionViews';
import {
  applyBrokerForm,
  brokerSettingsView,
  testSavedBroker,
  withRunningDataStreams,
} from './brokerSettings';

export interface BrokerSettingsDeps {
  readonly dataDir: string;
  /** The settings the workstation runs on (a save applies at the next start). */
  readonly running: Settings;
  /** Desktop: keeps keys in the OS keychain. Absent headless, where keys are refused. */
  readonly saveSecrets?: (secrets: BrokerSecrets) => void;
  /** The running workstation's broker connections (status bar), for brokers that allow one each. */
  readonly connections: () => readonly ConnectionStatusView[] | undefined;
}

type BrokerHandlers = Pick<HostHandlers, 'broker.getSettings' | 'broker.save' | 'broker.testConnection'>;

/** Main's handlers for the Broker settings window, spread into the workstation's handlers. */
export function brokerSettingsHandlers(deps: BrokerSettingsDeps): BrokerHandlers {
  const mode = deps.saveSecrets ? 'desktop' : 'headless';
  const view = (settings: Settings) => brokerSettingsView(settings, deps.running, mode, process.env);
  return {
    'broker.getSettings': async () => view(loadSettings(deps.dataDir)),
    'broker.save': async (form) => {
      const next = applyBrokerForm(loadSettings(deps.dataDir), form, mode);
      if (form.secrets) deps.saveSecrets?.(form.secrets);
      saveSettings(deps.dataDir, next);
      return view(next);
    },
    'broker.testConnection': async () => {
      const settings = loadSettings(deps.dataDir);
      // Only the market data a running Alpaca session holds is taken from it; with a new broker saved, all is tried.
      const sameBroker = settings.broker.kind === deps.running.broker.kind;
      const checks = await testSavedBroker(settings, process.env, undefined, sameBroker);
      return withRunningDataStreams(
        checks,
        settings.broker.kind,
        sameBroker ? deps.connections() : undefined,
      );
    },
  };
}
