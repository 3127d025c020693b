// Reset PIN attempts: a card locked by wrong PINs (but not retained) gets its counter back to zero. The card is
// swiped or its number typed; main answers with the masked number and how many attempts it had.
import { type FormEvent, useState } from 'react';
import { fill, useT } from '../../i18n/index.ts';
import { CardFields, type CardEntry, EMPTY_CARD, cardTyped } from '../CardFields.tsx';
import { StaffError } from '../StaffError.tsx';
import { useStaffAction } from '../staff-call.ts';

export function ResetPinScreen() {
  const t = useT();
  const reset = useStaffAction('resetPinAttempts');
  const [card, setCard] = useState<CardEntry>(EMPTY_CARD);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!cardTyped(card, false) || reset.busy) return;
    const request =
      card.track2 !== null
        ? { card: { source: 'track2' as const, track2: card.track2 } }
        : { card: { source: 'manual' as const, pan: card.pan } };
    setCard(EMPTY_CARD);
    void reset.run(request);
  };

  return (
    <form className="staff-screen" onSubmit={submit} data-testid="reset-pin">
      <h1 className="staff-screen__title">{t('staff.resetPin.title')}</h1>
      <p className="staff-screen__text">{t('staff.resetPin.hint')}</p>
      <CardFields value={card} onChange={setCard} withExpiry={false} />
      <StaffError code={reset.error} />
      {reset.value ? (
        <p
          className="staff-screen__text staff-ok"
          role="status"
          data-testid="reset-pin-result"
          data-previous={reset.value.previousAttempts}
          data-status={reset.value.status}
        >
          {fill(t('staff.resetPin.done'), {
            card: reset.value.maskedPan,
            attempts: reset.value.previousAttempts,
            status: t(`staff.cardStatus.${reset.value.status}`),
          })}
        </p>
      ) : null}
      <button
        type="submit"
        className="staff-button staff-button--primary"
        data-testid="reset-pin-submit"
        disabled={!cardTyped(card, false) || reset.busy}
      >
        {t('staff.resetPin.submit')}
      </button>
    </form>
  );
}
