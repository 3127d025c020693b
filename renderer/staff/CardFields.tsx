// The card a staff member presents: swiped on the keyboard-wedge reader (listened for while the form is up) or its
// number (and, for a new card, expiry) typed. The number stays in the form's state, never in the store.
import { useState } from 'react';
import { useCardSwipe } from '../hooks/use-card-swipe.ts';
import { useT } from '../i18n/index.ts';
import { StaffField } from './StaffField.tsx';

export type CardEntry = { readonly pan: string; readonly expiresYymm: string; readonly track2: string | null };
export const EMPTY_CARD: CardEntry = { pan: '', expiresYymm: '', track2: null };

export function cardTyped(card: CardEntry, withExpiry: boolean): boolean {
  return (
    card.track2 !== null ||
    (/^\d{12,19}$/.test(card.pan) && (!withExpiry || /^\d{2}(0[1-9]|1[0-2])$/.test(card.expiresYymm)))
  );
}

type CardFieldsProps = {
  readonly value: CardEntry;
  readonly onChange: (next: CardEntry) => void;
  readonly withExpiry: boolean;
};

export function CardFields({ value, onChange, withExpiry }: CardFieldsProps) {
  const t = useT();
  const [swiped, setSwiped] = useState(false);
  useCardSwipe((track2) => {
    setSwiped(true);
    onChange({ ...EMPTY_CARD, track2 });
  }, true);
  if (value.track2 !== null) {
    return (
      <p className="staff-screen__text staff-ok" data-testid="card-swiped">
        {t('staff.card.swiped')}{' '}
        <button type="button" className="staff-button" onClick={() => onChange(EMPTY_CARD)}>
          {t('staff.card.typeInstead')}
        </button>
      </p>
    );
  }
  return (
    <div className="staff-form staff-form--row">
      <StaffField
        label={t('staff.card.number')}
        value={value.pan}
        onChange={(pan) => onChange({ ...value, pan })}
        testId="card-number"
        numeric
        maxLength={19}
        hint={swiped ? undefined : t('staff.card.swipeHint')}
      />
      {withExpiry ? (
        <StaffField
          label={t('staff.card.expiry')}
          value={value.expiresYymm}
          onChange={(expiresYymm) => onChange({ ...value, expiresYymm })}
          testId="card-expiry"
          numeric
          maxLength={4}
        />
      ) : null}
    </div>
  );
}
