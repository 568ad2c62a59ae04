import { useRef, useState } from 'react';
import {
  CHAIN_IMPORT_MAX_PARTS,
  CHAIN_IMPORT_PART_CHARS,
  chainImportParts,
} from '../../../shared/api/chainSchemas';
import { getApi } from '../store';

const MAX_FILE_BYTES = CHAIN_IMPORT_PART_CHARS * CHAIN_IMPORT_MAX_PARTS;

/**
 * Opens an NSE option-chain JSON or a CSV chain from disk and sends it to the core in parts (each part
 * under the transport's message limit). The parse happens in the core; its error is shown as it came.
 */
export function ChainImportButton({ onImported }: { readonly onImported: () => void }): React.JSX.Element {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<{ readonly text: string; readonly failed: boolean } | null>(null);

  const upload = async (file: File): Promise<void> => {
    if (file.size > MAX_FILE_BYTES) {
      setState({
        text: `${file.name} is ${(file.size / 2 ** 20).toFixed(1)} MB; the limit is 16 MB`,
        failed: true,
      });
      return;
    }
    try {
      const parts = chainImportParts(await file.text());
      for (let part = 0; part < parts.length; part++) {
        setState({ text: `sending ${file.name}: part ${part + 1} of ${parts.length}`, failed: false });
        const result = await getApi().chain.importFile({
          name: file.name,
          content: parts[part],
          part,
          parts: parts.length,
        });
        if (result.status === 'imported') {
          setState({
            text: `imported ${file.name}: ${result.chain.expiries.length} expiries`,
            failed: false,
          });
          onImported();
        }
      }
    } catch (error) {
      setState({ text: error instanceof Error ? error.message : String(error), failed: true });
    }
  };

  return (
    <span className="chain-import">
      <input
        ref={input}
        type="file"
        accept=".json,.csv,application/json,text/csv"
        aria-label="Chain file"
        hidden
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          event.currentTarget.value = '';
          if (file) void upload(file);
        }}
      />
      <button type="button" onClick={() => input.current?.click()}>
        Import chain file…
      </button>
      {state && (
        <span
          role={state.failed ? 'alert' : 'status'}
          className={state.failed ? 'chain-import-error' : 'muted'}
        >
          {state.text}
        </span>
      )}
    </span>
  );
}
