import { useState, type FormEvent } from 'react';
import type { OfflineLimits } from '../../../preload/contract';
import { formatMinorUnits, parseDecimalAmount, type CurrencyCode } from '../../../preload/currency';
import { useSettingsStore } from '../stores/settings-store';

/** The offline rules a manager tunes: what Counter may approve itself while the gateway is away. */
export function OfflineLimitsPanel({ limits, currency }: { limits: OfflineLimits; currency: CurrencyCode }) {
  const save = useSettingsStore((state) => state.save);
  const fieldErrors = useSettingsStore((state) => state.fieldErrors);
  const [perSale, setPerSale] = useState(formatMinorUnits(limits.perSaleLimitMinor, currency));
  const [outstanding, setOutstanding] = useState(formatMinorUnits(limits.outstandingLimitMinor, currency));
  const [maxAgeHours, setMaxAgeHours] = useState(String(limits.maxAgeHours));
  const [perCard, setPerCard] = useState(String(limits.perCardLimit));
  const [typed, setTyped] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const perSaleMinor = parseDecimalAmount(perSale, currency);
    const outstandingMinor = parseDecimalAmount(outstanding, currency);
    const problems: Record<string, string> = {};
    if (!perSaleMinor.ok) problems['offline.perSaleLimitMinor'] = `Per-sale limit ${perSaleMinor.reason}`;
    if (!outstandingMinor.ok) problems['offline.outstandingLimitMinor'] = `Outstanding limit ${outstandingMinor.reason}`;
    setTyped(problems);
    if (!perSaleMinor.ok || !outstandingMinor.ok) return;
    void save({
      offline: { perSaleLimitMinor: perSaleMinor.minor, outstandingLimitMinor: outstandingMinor.minor, maxAgeHours: Number(maxAgeHours), perCardLimit: Number(perCard) },
    });
  };
  const errorOf = (field: string) => typed[`offline.${field}`] ?? fieldErrors[`offline.${field}`];
  const field = (id: string, label: string, value: string, set: (value: string) => void, mode: 'decimal' | 'numeric') => (
    <div className="field" data-invalid={errorOf(id) ? 'true' : undefined}>
      <label htmlFor={`offline-${id}`}>{label}</label>
      <input
        id={`offline-${id}`}
        inputMode={mode}
        autoComplete="off"
        value={value}
        aria-invalid={errorOf(id) ? true : undefined}
        aria-describedby={errorOf(id) ? `offline-${id}-error` : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {errorOf(id) && (
        <span id={`offline-${id}-error`} className="error">
          {errorOf(id)}
        </span>
      )}
    </div>
  );

  return (
    <section className="panel" aria-labelledby="offline-limits-title">
      <h2 id="offline-limits-title">Offline approvals</h2>
      <p className="muted">When the gateway cannot be reached, card-present sales within these limits are approved by Counter and forwarded later. A per-sale limit of 0 turns offline approval off.</p>
      <form className="form" onSubmit={submit} aria-label="Offline approvals" noValidate>
        {field('perSaleLimitMinor', `Largest sale approved offline (${currency})`, perSale, setPerSale, 'decimal')}
        {field('outstandingLimitMinor', `Largest total waiting to be forwarded (${currency})`, outstanding, setOutstanding, 'decimal')}
        {field('maxAgeHours', 'Forward within (hours)', maxAgeHours, setMaxAgeHours, 'numeric')}
        {field('perCardLimit', 'Offline sales per card', perCard, setPerCard, 'numeric')}
        <div className="actions">
          <button type="submit">Save offline limits</button>
        </div>
      </form>
    </section>
  );
}
