import { cloneElement, useEffect, useState, type FormEvent, type ReactElement } from 'react';
import { environments, hostFamilies, type Settings } from '../../../preload/contract';
import { currencyCodes, formatMinorUnits, parseDecimalAmount, type CurrencyCode } from '../../../preload/currency';
import { ScreenFrame } from '../components/ScreenFrame';
import { CredentialsPanel } from './CredentialsPanel';
import { ManagersPanel } from './ManagersPanel';
import { OfflineLimitsPanel } from './OfflineLimitsPanel';
import { ReaderPanel } from './ReaderPanel';
import { TrainingFaultPanel } from './TrainingFaultPanel';
import { useSettingsStore } from '../stores/settings-store';

type Draft = Omit<Settings, 'maxAmountMinor'> & { maxAmount: string };

/** The zones this browser knows, offered as suggestions; main checks whatever is typed. */
const timeZones: readonly string[] = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
const hours = Array.from({ length: 24 }, (_, hour) => hour);

function draftOf({ maxAmountMinor, ...settings }: Settings): Draft {
  return { ...settings, maxAmount: formatMinorUnits(maxAmountMinor, settings.currency) };
}

export function SettingsScreen() {
  const settings = useSettingsStore((state) => state.settings);
  const loadError = useSettingsStore((state) => state.loadError);
  const load = useSettingsStore((state) => state.load);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <ScreenFrame title="Settings">
      {loadError && <p role="alert">Could not load the settings: {loadError}</p>}
      {!loadError && !settings && <p role="status">Loading settings…</p>}
      {settings && <SettingsForm initial={settings} />}
      {settings && <CredentialsPanel environment={settings.environment} />}
      {settings && <ReaderPanel key={settings.reader.mode} choice={settings.reader} />}
      {settings && <ManagersPanel />}
      {settings && <OfflineLimitsPanel limits={settings.offline} currency={settings.currency} />}
      {settings?.environment === 'sandbox' && <TrainingFaultPanel />}
    </ScreenFrame>
  );
}

/** Edits a draft of the settings loaded when the screen opened; main validates and says which field is wrong. */
function SettingsForm({ initial }: { initial: Settings }) {
  const { saving, saveError, fieldErrors, savedAt, save } = useSettingsStore();
  const [draft, setDraft] = useState(() => draftOf(initial));
  const [amountError, setAmountError] = useState<string>();

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft({ ...draft, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const maxAmount = parseDecimalAmount(draft.maxAmount, draft.currency);
    setAmountError(maxAmount.ok ? undefined : `Maximum amount ${maxAmount.reason}`);
    if (!maxAmount.ok) return;
    const { maxAmount: _typed, ...rest } = draft;
    void save({ ...rest, maxAmountMinor: maxAmount.minor });
  };
  const errorFor = (field: keyof Settings | `businessDay.${keyof Settings['businessDay']}`) => (field === 'maxAmountMinor' ? amountError ?? fieldErrors[field] : fieldErrors[field]);
  const changeBusinessDay = (patch: Partial<Settings['businessDay']>) => change('businessDay', { ...draft.businessDay, ...patch });

  return (
    <form className="form" onSubmit={submit} noValidate aria-label="Terminal settings">
        <Field id="terminalId" label="Terminal id" error={errorFor('terminalId')}>
          <input id="terminalId" value={draft.terminalId} maxLength={8} autoComplete="off" onChange={(e) => change('terminalId', e.target.value)} />
        </Field>
        <Field id="storeName" label="Store name" error={errorFor('storeName')}>
          <input id="storeName" value={draft.storeName} autoComplete="off" onChange={(e) => change('storeName', e.target.value)} />
        </Field>
        <Field id="environment" label="Environment" error={errorFor('environment')}>
          <select id="environment" value={draft.environment} onChange={(e) => change('environment', e.target.value as Draft['environment'])}>
            {environments.map((environment) => (
              <option key={environment} value={environment}>
                {environment}
              </option>
            ))}
          </select>
        </Field>
        <Field id="hostFamily" label="Gateway host family" error={errorFor('hostFamily')}>
          <select id="hostFamily" value={draft.hostFamily} onChange={(e) => change('hostFamily', e.target.value as Draft['hostFamily'])}>
            {hostFamilies.map((family) => (
              <option key={family} value={family}>
                {family === 'cybersource' ? 'api.cybersource.com' : 'api.visaacceptance.com'}
              </option>
            ))}
          </select>
        </Field>
        <Field id="customBaseUrl" label="Custom gateway address (optional)" error={errorFor('customBaseUrl')}>
          <input id="customBaseUrl" type="url" value={draft.customBaseUrl} autoComplete="off" placeholder="https://…" onChange={(e) => change('customBaseUrl', e.target.value)} />
        </Field>
        <Field id="currency" label="Currency" error={errorFor('currency')}>
          <select id="currency" value={draft.currency} onChange={(e) => change('currency', e.target.value as CurrencyCode)}>
            {currencyCodes.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </Field>
        <Field id="maxAmount" label={`Maximum amount per transaction (${draft.currency})`} error={errorFor('maxAmountMinor')}>
          <input id="maxAmount" inputMode="decimal" value={draft.maxAmount} autoComplete="off" onChange={(e) => change('maxAmount', e.target.value)} />
        </Field>
        <Field id="businessDayTimeZone" label="Store time zone (business day)" error={errorFor('businessDay.timeZone')}>
          <input
            id="businessDayTimeZone"
            list="time-zones"
            value={draft.businessDay.timeZone}
            autoComplete="off"
            spellCheck={false}
            placeholder="America/New_York"
            onChange={(e) => changeBusinessDay({ timeZone: e.target.value.trim() })}
          />
        </Field>
        <datalist id="time-zones">
          {timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <Field id="businessDayCutoff" label="Business day starts at (voids, Day report, sandbox settlement)" error={errorFor('businessDay.cutoffHour')}>
          <select id="businessDayCutoff" value={draft.businessDay.cutoffHour} onChange={(e) => changeBusinessDay({ cutoffHour: Number(e.target.value) })}>
            {hours.map((hour) => (
              <option key={hour} value={hour}>
                {`${String(hour).padStart(2, '0')}:00${hour === 0 ? ' (midnight)' : ''}`}
              </option>
            ))}
          </select>
        </Field>
        <div className="actions">
          <button type="submit" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
        </div>
        <p role="status" className="form-status">
          {savedAt && !saveError ? 'Settings saved.' : ''}
        </p>
        {saveError && (
          <p role="alert" className="error">
            {Object.keys(fieldErrors).length > 0 ? 'Not saved: correct the marked fields.' : `Not saved: ${saveError}`}
          </p>
        )}
    </form>
  );
}

type Control = ReactElement<{ 'aria-invalid'?: boolean; 'aria-describedby'?: string }>;

function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: Control }) {
  return (
    <div className="field" data-invalid={error ? 'true' : undefined}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined })}
      {error && (
        <span id={`${id}-error`} className="error">
          {error}
        </span>
      )}
    </div>
  );
}
