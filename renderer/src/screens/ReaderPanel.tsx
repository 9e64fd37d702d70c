import { useEffect, useState, type FormEvent } from 'react';
import { baudRates, readerProtocols, type ReaderChoice } from '../../../preload/contract';
import { pos } from '../pos';
import { useReaderStore } from '../stores/reader-store';
import { useSettingsStore } from '../stores/settings-store';

const protocolLabels = { magstripe: 'Magnetic-stripe reader (serial mode)', pinpad: 'PIN pad (framed protocol)' } as const;
type Mode = ReaderChoice['mode'];

/** Which reader the terminal uses; in training, buttons that present a test card through the simulated reader. */
export function ReaderPanel({ choice }: { choice: ReaderChoice }) {
  const save = useSettingsStore((state) => state.save);
  const fieldErrors = useSettingsStore((state) => state.fieldErrors);
  const [mode, setMode] = useState<Mode>(choice.mode);
  const [protocol, setProtocol] = useState(choice.mode === 'serial' ? choice.serial.protocol : choice.mode === 'training' ? choice.protocol : 'pinpad');
  const [path, setPath] = useState(choice.mode === 'serial' ? choice.serial.path : '');
  const [baudRate, setBaudRate] = useState(choice.mode === 'serial' ? choice.serial.baudRate : 9600);
  const [ports, setPorts] = useState<string[]>([]);

  useEffect(() => {
    void pos.reader.listPorts().then((result) => setPorts(result.ok ? result.value.map((port) => port.path) : []));
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const reader: ReaderChoice =
      mode === 'none' ? { mode } : mode === 'training' ? { mode, protocol } : { mode, serial: { protocol, path, baudRate, parity: 'none', dataBits: 8, stopBits: 1 } };
    void save({ reader });
  };
  const pathError = fieldErrors['reader.serial.path'];

  return (
    <section className="panel" aria-labelledby="reader-title">
      <h2 id="reader-title">Card reader</h2>
      <form className="form" onSubmit={submit} aria-label="Card reader">
        <div className="field">
          <label htmlFor="reader-mode">Reader</label>
          <select id="reader-mode" value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
            <option value="none">No reader: keyed entry only</option>
            <option value="serial">Serial reader (RS-232 or USB-serial)</option>
            <option value="training">Training reader (simulated test cards)</option>
          </select>
        </div>
        {mode !== 'none' && (
          <div className="field">
            <label htmlFor="reader-protocol">Protocol</label>
            <select id="reader-protocol" value={protocol} onChange={(e) => setProtocol(e.target.value as typeof protocol)}>
              {readerProtocols.map((value) => (
                <option key={value} value={value}>
                  {protocolLabels[value]}
                </option>
              ))}
            </select>
          </div>
        )}
        {mode === 'serial' && (
          <>
            <div className="field" data-invalid={pathError ? 'true' : undefined}>
              <label htmlFor="reader-path">Serial port</label>
              <input id="reader-path" list="reader-ports" value={path} placeholder="/dev/ttyUSB0 or COM3" autoComplete="off" aria-invalid={pathError ? true : undefined} aria-describedby={pathError ? 'reader-path-error' : undefined} onChange={(e) => setPath(e.target.value)} />
              <datalist id="reader-ports">
                {ports.map((port) => (
                  <option key={port} value={port} />
                ))}
              </datalist>
              {pathError && (
                <span id="reader-path-error" className="error">
                  {pathError}
                </span>
              )}
            </div>
            <div className="field">
              <label htmlFor="reader-baud">Baud rate</label>
              <select id="reader-baud" value={baudRate} onChange={(e) => setBaudRate(Number(e.target.value))}>
                {baudRates.map((rate) => (
                  <option key={rate} value={rate}>
                    {rate}
                  </option>
                ))}
              </select>
            </div>
          </>
        )}
        <div className="actions">
          <button type="submit">Save reader</button>
        </div>
      </form>
      {choice.mode === 'training' && <TestCards />}
    </section>
  );
}

function TestCards() {
  const lastCard = useReaderStore((state) => state.lastCard);
  const [cards, setCards] = useState<{ index: number; label: string }[]>([]);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<string>();

  useEffect(() => {
    void pos.reader.testCards().then((result) => setCards(result.ok ? result.value : []));
  }, []);

  const present = async (how: 'swipe' | 'insert' | 'tap') => {
    const result = await pos.reader.present({ index, how });
    setError(result.ok ? undefined : result.error.message);
  };

  return (
    <div className="test-cards" role="group" aria-label="Present a test card">
      <div className="field">
        <label htmlFor="test-card">Test card</label>
        <select id="test-card" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
          {cards.map((card) => (
            <option key={card.index} value={card.index}>
              {card.label}
            </option>
          ))}
        </select>
      </div>
      <div className="actions">
        <button type="button" onClick={() => void present('swipe')}>
          Swipe
        </button>
        <button type="button" onClick={() => void present('insert')}>
          Insert
        </button>
        <button type="button" onClick={() => void present('tap')}>
          Tap
        </button>
      </div>
      <p role="status">{lastCard && `Last card read: ${lastCard.brand} ${lastCard.maskedPan} (${lastCard.entryMode})`}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </div>
  );
}
