// Retract refunds: withdrawals whose retract brought back fewer notes than were presented (the customer took some).
// The whole presented amount was posted; staff count the retract bin and refund what it holds for each withdrawal,
// once, typing the counted amount in whole currency units on the numeric keyboard. Main checks every rule (at most
// the presented amount, once per withdrawal, dual control when set) and this screen shows its answer by code.
import { type FormEvent, useState } from 'react';
import { currencyExponent } from '../../../shared/money.ts';
import { useFormat } from '../../i18n/format.ts';
import { fill, useT } from '../../i18n/index.ts';
import {
  type Confirmer,
  ConfirmerFields,
  NO_CONFIRMER,
  confirmerCredentials,
  confirmerReady,
} from '../ConfirmerFields.tsx';
import { StaffError } from '../StaffError.tsx';
import { StaffField } from '../StaffField.tsx';
import { Loading } from '../StaffTable.tsx';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

/** Whole currency units staff may type: six digits keep any refund within the contract's bound. */
const AMOUNT_DIGITS_MAX = 6;

/** Typed whole units → minor units (null when nothing usable was typed or the currency is unknown). */
function minorOf(text: string, currency: string): number | null {
  if (!/^\d+$/.test(text)) return null;
  const units = Number(text);
  if (units <= 0) return null;
  try {
    return units * 10 ** currencyExponent(currency);
  } catch {
    return null;
  }
}

export function RetractRefundsScreen() {
  const t = useT();
  const format = useFormat();
  const list = useStaffQuery('listRetractRefunds');
  const refund = useStaffAction('refundRetract');
  const [chosen, setChosen] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [confirmer, setConfirmer] = useState<Confirmer>(NO_CONFIRMER);
  const rows = list.value?.refunds ?? [];
  const row = rows.find((candidate) => candidate.transactionId === chosen) ?? null;
  const amountMinor = row ? minorOf(amount, row.currency) : null;

  const { clear } = refund;
  const choose = (transactionId: string | null) => {
    // A new refund starts clean: the last one's refusal or confirmation is about another attempt.
    if (transactionId !== null) clear();
    setChosen(transactionId);
    setAmount('');
    setNote('');
    setConfirmer(NO_CONFIRMER);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!row || amountMinor === null || !confirmerReady(confirmer) || refund.busy) return;
    void refund
      .run({
        transactionId: row.transactionId,
        amountMinor,
        note: note.trim() === '' ? null : note.trim(),
        confirmer: confirmerCredentials(confirmer),
      })
      .then((result) => {
        if (!result.ok) return;
        choose(null);
        list.reload();
      });
  };

  return (
    <div className="staff-screen staff-screen--wide">
      <h1 className="staff-screen__title">{t('staff.refunds.title')}</h1>
      <p className="staff-screen__text">{t('staff.refunds.hint')}</p>
      <StaffError
        code={list.error ?? refund.error}
        overrides={{ AMOUNT_INVALID: 'staff.refunds.tooMuch', INVALID_STATE: 'staff.refunds.notRefundable' }}
      />
      {refund.value ? (
        <p className="staff-screen__text staff-ok" role="status" data-testid="refund-done">
          {fill(t('staff.refunds.done'), {
            amount: format.money(refund.value.amountMinor, refund.value.currency),
            card: refund.value.maskedPan,
            stan: refund.value.stan,
          })}
        </p>
      ) : null}
      {!list.value && !list.error ? <Loading /> : null}
      {list.value && rows.length === 0 ? (
        <p className="staff-screen__text" data-testid="refunds-empty">
          {t('staff.refunds.none')}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <table className="staff-table" data-testid="refunds-list">
          <thead>
            <tr>
              <th scope="col">{t('staff.journal.col.stan')}</th>
              <th scope="col">{t('staff.journal.col.time')}</th>
              <th scope="col">{t('staff.journal.col.card')}</th>
              <th scope="col">{t('staff.refunds.presented')}</th>
              <th scope="col">{t('staff.refunds.notesPresented')}</th>
              <th scope="col">{t('staff.refunds.notesRetracted')}</th>
              <th scope="col">{t('staff.refunds.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.refunds.refund')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((entry) => (
              <tr
                key={entry.transactionId}
                data-testid="refund-row"
                data-stan={entry.stan}
                data-refunded={String(entry.refund !== null)}
              >
                <td>{entry.stan}</td>
                <td>{format.dateTime(entry.at)}</td>
                <td>{entry.maskedPan}</td>
                <td className="staff-table__number">{format.money(entry.presentedMinor, entry.currency)}</td>
                <td className="staff-table__number">{entry.presentedNotes ?? t('staff.refunds.unknown')}</td>
                <td className="staff-table__number">{entry.retractedNotes}</td>
                <td data-testid="refund-status">
                  {entry.refund
                    ? fill(t('staff.refunds.refunded'), {
                        amount: format.money(entry.refund.amountMinor, entry.currency),
                        stan: entry.refund.stan,
                      })
                    : t('staff.refunds.open')}
                </td>
                <td>
                  {entry.refund ? null : (
                    <button
                      type="button"
                      className="staff-button"
                      data-testid={`refund-choose-${entry.stan}`}
                      onClick={() => choose(entry.transactionId)}
                      aria-pressed={chosen === entry.transactionId}
                    >
                      {t('staff.refunds.refund')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {row ? (
        <form className="staff-card" onSubmit={submit} data-testid="refund-form">
          <h2 className="staff-card__title">
            {fill(t('staff.refunds.formTitle'), { stan: row.stan, card: row.maskedPan })}
          </h2>
          <StaffField
            label={fill(t('staff.refunds.amount'), { currency: row.currency })}
            value={amount}
            onChange={setAmount}
            testId="refund-amount"
            numeric
            maxLength={AMOUNT_DIGITS_MAX}
            autoFocus
            hint={fill(t('staff.refunds.amountHint'), { amount: format.money(row.presentedMinor, row.currency) })}
          />
          <StaffField
            label={t('staff.retained.note')}
            value={note}
            onChange={setNote}
            testId="refund-note"
            maxLength={120}
          />
          <ConfirmerFields value={confirmer} onChange={setConfirmer} />
          <div className="staff-actions">
            <button
              type="submit"
              className="staff-button staff-button--primary"
              data-testid="refund-submit"
              disabled={refund.busy || amountMinor === null || !confirmerReady(confirmer)}
            >
              {amountMinor === null
                ? t('staff.refunds.refund')
                : fill(t('staff.refunds.confirm'), { amount: format.money(amountMinor, row.currency) })}
            </button>
            <button type="button" className="staff-button" onClick={() => choose(null)}>
              {t('staff.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
