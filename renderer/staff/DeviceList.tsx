// The devices as main reports them: state, fault, and the simulator's queued faults.
import type { z } from 'zod';
import type { DeviceViewSchema } from '../../shared/ipc/staff.ts';
import { useT } from '../i18n/index.ts';
import { Fact, Facts } from './StaffTable.tsx';

export type DeviceView = z.output<typeof DeviceViewSchema>;

export function DeviceList({ devices }: { readonly devices: readonly DeviceView[] }) {
  const t = useT();
  return (
    <Facts testId="device-list">
      {devices.map((device) => (
        <Fact
          key={device.device}
          label={t(`staff.device.${device.device}`)}
          testId={`device-state-${device.device}`}
          flagged={device.state === 'fault'}
        >
          <span data-state={device.state}>{t(`staff.device.state.${device.state}`)}</span>
          {device.fault ? <span className="staff-table__code"> {device.fault}</span> : null}
        </Fact>
      ))}
    </Facts>
  );
}
