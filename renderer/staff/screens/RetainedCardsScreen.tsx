// Retained cards: the cards in the retain bin, and their release, recording who released each and why (a reason
// from the list, and an optional note).
import { type FormEvent, useState } from 'react';
import { RELEASE_REASONS } from '../../../shared/ipc/staff.ts';
import { useFormat } from '../../i18n/format.ts';
import { fill, useT } from '../../i18n/index.ts';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { Loading } from '../StaffTable.tsx';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

type Reason = (typeof RELEASE_REASONS)[number];

export function RetainedCardsScreen() {
  const t = useT();
  const format = useFormat();
  const list = useStaffQuery('listRetainedCards');
  const release = useStaffAction('releaseRetainedCard');
  const [chosen, setChosen] = useState<number | null>(null);
  const [reason, setReason] = useState<Reason>('customer_identified');
  const [note, setNote] = useState('');
  const cards = list.value?.cards ?? [];
  const card = cards.find((candidate) => candidate.cardId === chosen) ?? null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!card || release.busy) return;
    void release.run({ cardId: card.cardId, reason, note: note.trim() === '' ? null : note.trim() }).then((result) => {
      if (!result.ok) return;
      setChosen(null);
      setNote('');
      list.reload();
    });
  };

  return (
    <div className="staff-screen staff-screen--wide">
      <h1 className="staff-screen__title">{t('staff.retained.title')}</h1>
      <StaffError code={list.error ?? release.error} />
      {release.value ? (
        <p className="staff-screen__text staff-ok" role="status" data-testid="retained-released">
          {fill(t('staff.retained.released'), { card: release.value.maskedPan })}
        </p>
      ) : null}
      {!list.value && !list.error ? <Loading /> : null}
      {list.value && cards.length === 0 ? (
        <p className="staff-screen__text" data-testid="retained-empty">
          {t('staff.retained.none')}
        </p>
      ) : null}
      {cards.length > 0 ? (
        <table className="staff-table" data-testid="retained-list">
          <thead>
            <tr>
              <th scope="col">{t('staff.journal.col.card')}</th>
              <th scope="col">{t('staff.retained.holder')}</th>
              <th scope="col">{t('staff.retained.when')}</th>
              <th scope="col">{t('staff.retained.why')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.retained.release')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {cards.map((entry) => (
              <tr key={entry.cardId} data-testid="retained-card" data-masked-pan={entry.maskedPan}>
                <td>{entry.maskedPan}</td>
                <td>{entry.holderName}</td>
                <td>{format.dateTime(entry.retainedAt)}</td>
                <td>{t(`staff.retained.reason.${entry.reason}`)}</td>
                <td>
                  <button
                    type="button"
                    className="staff-button"
                    data-testid={`retained-choose-${entry.cardId}`}
                    onClick={() => setChosen(entry.cardId)}
                    aria-pressed={chosen === entry.cardId}
                  >
                    {t('staff.retained.release')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {card ? (
        <form className="staff-card" onSubmit={submit} data-testid="release-form">
          <h2 className="staff-card__title">
            {fill(t('staff.retained.releaseTitle'), { card: card.maskedPan, holder: card.holderName })}
          </h2>
          <div className="staff-choices" role="group" aria-label={t('staff.retained.reasonLabel')}>
            {RELEASE_REASONS.map((choice) => (
              <button
                key={choice}
                type="button"
                className="staff-button staff-toggle"
                aria-pressed={reason === choice}
                data-testid={`release-reason-${choice}`}
                onClick={() => setReason(choice)}
              >
                {t(`staff.release.${choice}`)}
              </button>
            ))}
          </div>
          <StaffField
            label={t('staff.retained.note')}
            value={note}
            onChange={setNote}
            testId="release-note"
            maxLength={120}
          />
          <div className="staff-actions">
            <button
              type="submit"
              className="staff-button staff-button--primary"
              data-testid="release-submit"
              disabled={release.busy}
            >
              {t('staff.retained.confirm')}
            </button>
            <button type="button" className="staff-button" onClick={() => setChosen(null)}>
              {t('staff.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
