// Device diagnostics: each device's state and fault, and on simulated devices the fault switches — a fault for the
// next operation (once) or every one (sticky) — and Reset, which clears the fault and the queued switches.
import { useState } from 'react';
import { fill, useT } from '../../i18n/index.ts';
import { staffSelectors, useAtmStore } from '../../store/index.ts';
import { type DeviceView, DeviceList } from '../DeviceList.tsx';
import { StaffError } from '../StaffError.tsx';
import { Loading } from '../StaffTable.tsx';
import type { StaffRequest } from '../staff-api.ts';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

type FaultRequest = StaffRequest<'injectDeviceFault'>;
type Mode = FaultRequest['mode'];

/** The switches offered per device, with the fault each one arms (counts kept small and valid). */
const SWITCHES = {
  dispenser: [
    { id: 'jam_before_present', fault: { kind: 'jam_before_present' } },
    { id: 'partial', fault: { kind: 'partial', presentedNotes: 1 } },
    { id: 'not_taken', fault: { kind: 'not_taken' } },
    { id: 'retract_jam', fault: { kind: 'retract_jam' } },
  ],
  acceptor: [
    { id: 'reject', fault: { kind: 'reject', notes: 1 } },
    { id: 'jam', fault: { kind: 'jam', afterNotes: 0 } },
  ],
} as const;

const FAULT_IDS = [
  'jam_before_present',
  'partial',
  'not_taken',
  'retract_partial',
  'retract_jam',
  'reject',
  'jam',
] as const;
type FaultId = (typeof FAULT_IDS)[number];
/** Faults queued from elsewhere (the host's --dispenser-faults) may have no text yet: those show their kind. */
const isFaultId = (kind: string): kind is FaultId => (FAULT_IDS as readonly string[]).includes(kind);

function requestOf(
  device: DeviceView['device'],
  fault: (typeof SWITCHES)[DeviceView['device']][number]['fault'],
  mode: Mode,
): FaultRequest {
  return device === 'dispenser'
    ? { device, fault: fault as Extract<FaultRequest, { device: 'dispenser' }>['fault'], mode }
    : { device, fault: fault as Extract<FaultRequest, { device: 'acceptor' }>['fault'], mode };
}

export function DevicesScreen() {
  const t = useT();
  const status = useStaffQuery('deviceStatus');
  const inject = useStaffAction('injectDeviceFault');
  const reset = useStaffAction('resetDevice');
  const [mode, setMode] = useState<Mode>('once');
  // The newest answer wins: each call returns the devices as they are after it.
  const [latest, setLatest] = useState<readonly DeviceView[] | null>(null);
  const devices = latest ?? status.value?.devices ?? null;

  return (
    <div className="staff-screen staff-screen--wide">
      <div className="staff-screen__head">
        <h1 className="staff-screen__title">{t('staff.devices.title')}</h1>
        <button
          type="button"
          className="staff-button"
          data-testid="devices-refresh"
          onClick={() => {
            setLatest(null);
            status.reload();
          }}
        >
          {t('staff.common.refresh')}
        </button>
      </div>
      <StaffError code={status.error ?? inject.error ?? reset.error} />
      {devices ? <DeviceList devices={devices} /> : status.error ? null : <Loading />}
      <div className="staff-choices" role="group" aria-label={t('staff.devices.mode')}>
        {(['once', 'sticky'] as const).map((choice) => (
          <button
            key={choice}
            type="button"
            className="staff-button staff-toggle"
            aria-pressed={mode === choice}
            data-testid={`fault-mode-${choice}`}
            onClick={() => setMode(choice)}
          >
            {t(`staff.devices.mode.${choice}`)}
          </button>
        ))}
      </div>
      <div className="staff-grid">
        {(devices ?? []).map((device) => (
          <section
            key={device.device}
            className="staff-card"
            data-testid={`device-${device.device}`}
            data-injected={device.injectedFaults.join(' ')}
          >
            <h2 className="staff-card__title">{t(`staff.device.${device.device}`)}</h2>
            <p className="staff-screen__text" data-testid={`device-injected-${device.device}`}>
              {device.injectedFaults.length === 0
                ? t('staff.devices.noInjected')
                : device.injectedFaults.map((kind) => (isFaultId(kind) ? t(`staff.fault.${kind}`) : kind)).join(', ')}
            </p>
            {device.simulated ? (
              <div className="staff-choices">
                {SWITCHES[device.device].map((entry) => (
                  <button
                    key={entry.id}
                    type="button"
                    className="staff-button"
                    data-testid={`fault-${device.device}-${entry.id}`}
                    disabled={inject.busy}
                    onClick={() =>
                      void inject
                        .run(requestOf(device.device, entry.fault, mode))
                        .then((result) => result.ok && setLatest(result.value.devices))
                    }
                  >
                    {t(`staff.fault.${entry.id}`)}
                  </button>
                ))}
              </div>
            ) : (
              <p className="staff-screen__text">{t('staff.devices.real')}</p>
            )}
            <button
              type="button"
              className="staff-button staff-button--primary"
              data-testid={`device-reset-${device.device}`}
              disabled={reset.busy}
              onClick={() =>
                void reset.run({ device: device.device }).then((result) => result.ok && setLatest(result.value.devices))
              }
            >
              {t('staff.devices.reset')}
            </button>
          </section>
        ))}
      </div>
      <DiagnosticsExport />
    </div>
  );
}

/** Supervisors export a diagnostics bundle (logs, journal check, settings without secrets) to the data dir. */
function DiagnosticsExport() {
  const t = useT();
  const allowed = useAtmStore(staffSelectors.allowed);
  const exportBundle = useStaffAction('exportDiagnostics');
  if (!allowed.includes('exportDiagnostics')) return null;
  return (
    <section className="staff-card" data-testid="diagnostics">
      <h2 className="staff-card__title">{t('staff.diagnostics.title')}</h2>
      <StaffError code={exportBundle.error} />
      <button
        type="button"
        className="staff-button staff-button--primary"
        data-testid="diagnostics-export"
        disabled={exportBundle.busy}
        onClick={() => void exportBundle.run({})}
      >
        {t('staff.diagnostics.export')}
      </button>
      {exportBundle.value ? (
        <p className="staff-screen__text" role="status" data-testid="diagnostics-file">
          {fill(t('staff.diagnostics.saved'), { file: exportBundle.value.fileName })}
        </p>
      ) : null}
    </section>
  );
}
