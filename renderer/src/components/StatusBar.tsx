import { useEffect } from 'react';
import { useAppStore } from '../stores/app-store';
import { describeReader, useReaderStore } from '../stores/reader-store';

const environmentLabels = { sandbox: 'Sandbox (training)', test: 'Test', production: 'Production' } as const;

/** The terminal's state at a glance; every item says what it is in words, never by colour alone. */
export function StatusBar() {
  const info = useAppStore((state) => state.info);
  const infoError = useAppStore((state) => state.infoError);
  const readerStatus = useReaderStore((state) => state.status);
  const connectReader = useReaderStore((state) => state.connect);
  useEffect(() => {
    void connectReader();
  }, [connectReader]);
  return (
    <header className="status-bar">
      <span className="brand">Counter</span>
      {info ? (
        <dl aria-label="Terminal status">
          <div className={`env env-${info.environment}`}>
            <dt>Environment</dt>
            <dd>{environmentLabels[info.environment]}</dd>
          </div>
          <div>
            <dt>Terminal</dt>
            <dd>{info.terminalId}</dd>
          </div>
          <div>
            <dt>Reader</dt>
            <dd>{describeReader(readerStatus)}</dd>
          </div>
          <div>
            <dt>Gateway</dt>
            <dd>Not checked</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>{info.version}</dd>
          </div>
        </dl>
      ) : (
        <span role="status">{infoError ?? 'Connecting to the terminal…'}</span>
      )}
    </header>
  );
}
