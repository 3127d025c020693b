// Enrolment of a new customer, account and card. Staff type the holder's name, the account's label and kind and the
// new card (swiped, or number and expiry typed); then the screen turns to the customer, who types the PIN twice on
// the keypad. The PIN lives in the PIN buffer and a ref until the second Enter sends both — never in state, the
// store or the DOM, and nothing on screen shows its digits to the staff member standing by.
import { type FormEvent, useRef, useState } from 'react';
import type { z } from 'zod';
import type { ErrorCode } from '../../../shared/ipc/envelope.ts';
import type { StaffChannels } from '../../../shared/ipc/staff.ts';
import { KeypadPanel } from '../../components/KeypadPanel.tsx';
import { PinDots } from '../../components/PinDots.tsx';
import { usePinBuffer } from '../../hooks/use-pin-buffer.ts';
import { fill, useT } from '../../i18n/index.ts';
import { staffSelectors, useAtmStore } from '../../store/index.ts';
import { CardFields, type CardEntry, EMPTY_CARD, cardTyped } from '../CardFields.tsx';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { Fact, Facts } from '../StaffTable.tsx';
import { staffCall, staffKeepAlive, useStaffAction } from '../staff-call.ts';

type Enrolled = z.output<StaffChannels['submitEnrolmentPin']['response']>;
type AccountKind = 'checking' | 'savings';

export function EnrolmentScreen() {
  const enrolment = useAtmStore(staffSelectors.enrolment);
  const [enrolled, setEnrolled] = useState<Enrolled | null>(null);
  if (enrolled) return <EnrolmentDone enrolled={enrolled} onAnother={() => setEnrolled(null)} />;
  if (enrolment) return <CustomerPinEntry onEnrolled={setEnrolled} />;
  return <EnrolmentForm />;
}

function EnrolmentForm() {
  const t = useT();
  const start = useStaffAction('startEnrolment');
  const [holderName, setHolderName] = useState('');
  const [accountLabel, setAccountLabel] = useState('');
  const [accountKind, setAccountKind] = useState<AccountKind>('checking');
  const [card, setCard] = useState<CardEntry>(EMPTY_CARD);
  const ready =
    holderName.trim() !== '' && !/\d/.test(holderName) && accountLabel.trim() !== '' && cardTyped(card, true);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready || start.busy) return;
    void start.run({
      holderName: holderName.trim(),
      accountLabel: accountLabel.trim(),
      accountKind,
      card:
        card.track2 !== null
          ? { source: 'track2', track2: card.track2 }
          : { source: 'manual', pan: card.pan, expiresYymm: card.expiresYymm },
    });
  };

  return (
    <form className="staff-screen" onSubmit={submit} data-testid="enrolment-form">
      <h1 className="staff-screen__title">{t('staff.enrolment.title')}</h1>
      <p className="staff-screen__text">{t('staff.enrolment.hint')}</p>
      <div className="staff-form staff-form--row">
        <StaffField
          label={t('staff.enrolment.holderName')}
          value={holderName}
          onChange={setHolderName}
          testId="enrol-holder"
          maxLength={60}
          autoFocus
        />
        <StaffField
          label={t('staff.enrolment.accountLabel')}
          value={accountLabel}
          onChange={setAccountLabel}
          testId="enrol-account-label"
          maxLength={40}
        />
      </div>
      <div className="staff-choices" role="group" aria-label={t('staff.enrolment.accountKind')}>
        {(['checking', 'savings'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            className="staff-button staff-toggle"
            aria-pressed={accountKind === kind}
            data-testid={`enrol-kind-${kind}`}
            onClick={() => setAccountKind(kind)}
          >
            {t(`staff.enrolment.kind.${kind}`)}
          </button>
        ))}
      </div>
      <CardFields value={card} onChange={setCard} withExpiry />
      <StaffError code={start.error} />
      <button
        type="submit"
        className="staff-button staff-button--primary"
        data-testid="enrol-submit"
        disabled={!ready || start.busy}
      >
        {t('staff.enrolment.submit')}
      </button>
    </form>
  );
}

function CustomerPinEntry({ onEnrolled }: { readonly onEnrolled: (enrolled: Enrolled) => void }) {
  const t = useT();
  const enrolment = useAtmStore(staffSelectors.enrolment);
  const policy = { min: enrolment?.pinLengthMin ?? 4, max: enrolment?.pinLengthMax ?? 6 };
  const pin = usePinBuffer(policy.max);
  /** The first PIN, once typed; forgotten before the call and on every restart. */
  const first = useRef<string | null>(null);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [busy, setBusy] = useState(false);

  const restart = () => {
    first.current = null;
    pin.clear();
    setStep(0);
  };

  const enter = () => {
    if (pin.length < policy.min || busy) return;
    if (first.current === null) {
      first.current = pin.take();
      setStep(1);
      return;
    }
    const request = { pin: first.current, pinAgain: pin.take() };
    restart(); // forget both before the call, whatever main answers
    setBusy(true);
    setError(null);
    void staffCall('submitEnrolmentPin', request).then((result) => {
      setBusy(false);
      if (result.ok) onEnrolled(result.value);
      else setError(result.error.code);
    });
  };

  return (
    <div className="staff-customer" data-testid="enrolment-pin">
      <KeypadPanel
        title={t('staff.enrolment.pinTitle')}
        enterDisabled={pin.length < policy.min || busy}
        onDigit={(digit) => {
          if (pin.push(digit)) staffKeepAlive();
        }}
        onClear={() => pin.clear()}
        onCancel={() => {
          restart();
          void staffCall('cancelEnrolment', {});
        }}
        onEnter={enter}
      >
        {enrolment ? (
          <p className="card-line">
            <span className="card-line__label">{enrolment.holderName}</span>{' '}
            <span className="card-line__pan" data-testid="enrolment-masked-pan">
              {enrolment.maskedPan}
            </span>
          </p>
        ) : null}
        <p className="step-line" data-testid="enrolment-pin-step" data-step={step + 1} data-speak>
          <span className="step-line__count">{fill(t('pinChange.stepOf'), { step: step + 1, steps: 2 })}</span>
          <span className="step-line__text">
            {t(step === 0 ? 'staff.enrolment.pinFirst' : 'staff.enrolment.pinAgain')}
          </span>
        </p>
        <PinDots length={pin.length} slots={Math.max(policy.min, pin.length)} label={t('pin.dotsLabel')} />
        <StaffError code={error} />
        <p className="screen__text">{fill(t('pinChange.policy'), { min: policy.min, max: policy.max })}</p>
      </KeypadPanel>
    </div>
  );
}

function EnrolmentDone({ enrolled, onAnother }: { readonly enrolled: Enrolled; readonly onAnother: () => void }) {
  const t = useT();
  return (
    <div className="staff-screen" data-testid="enrolment-done">
      <h1 className="staff-screen__title">{t('staff.enrolment.doneTitle')}</h1>
      <Facts>
        <Fact label={t('staff.enrolment.holderName')}>{enrolled.holderName}</Fact>
        <Fact label={t('staff.journal.col.card')} testId="enrolment-done-card">
          {enrolled.maskedPan}
        </Fact>
        <Fact label={t('staff.enrolment.accountNumber')} testId="enrolment-done-account">
          {enrolled.accountNumber}
        </Fact>
      </Facts>
      <p className="staff-screen__text">{t('staff.enrolment.doneHint')}</p>
      <button
        type="button"
        className="staff-button staff-button--primary"
        data-testid="enrol-another"
        onClick={onAnother}
      >
        {t('staff.enrolment.another')}
      </button>
    </div>
  );
}
