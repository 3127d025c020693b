// Staff accounts (supervisors): the list, a new account (id, name, role, initial password — to be changed at its
// first login, with an authenticator enrolled then), a reset for a lost authenticator or forgotten password, and the
// account's staff card (swiped or typed; inserted at the welcome screen it opens the login with the id filled in).
import { type FormEvent, useState } from 'react';
import { STAFF_ROLES, StaffIdSchema, type StaffRole } from '../../../shared/ipc/staff.ts';
import { fill, useT } from '../../i18n/index.ts';
import { CardFields, type CardEntry, EMPTY_CARD, cardTyped } from '../CardFields.tsx';
import { StaffError } from '../StaffError.tsx';
import {
  type Confirmer,
  ConfirmerFields,
  NO_CONFIRMER,
  confirmerCredentials,
  confirmerReady,
} from '../ConfirmerFields.tsx';
import { StaffField } from '../StaffField.tsx';
import { Loading } from '../StaffTable.tsx';
import { useStaffAction, useStaffQuery } from '../staff-call.ts';

export function StaffAccountsScreen() {
  const t = useT();
  const list = useStaffQuery('listStaff');
  const create = useStaffAction('createStaff');
  const reset = useStaffAction('resetStaff');
  const [staffId, setStaffId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('operator');
  const [initialPassword, setInitialPassword] = useState('');
  const [resetting, setResetting] = useState<string | null>(null);
  const [resetPassword, setResetPassword] = useState('');
  // Under dual control a new or reset account needs a second staff member (main decides).
  const [createConfirmer, setCreateConfirmer] = useState<Confirmer>(NO_CONFIRMER);
  const [resetConfirmer, setResetConfirmer] = useState<Confirmer>(NO_CONFIRMER);
  const bind = useStaffAction('bindStaffCard');
  const unbind = useStaffAction('unbindStaffCard');
  const [binding, setBinding] = useState<string | null>(null);
  const [card, setCard] = useState<CardEntry>(EMPTY_CARD);
  const createReady =
    StaffIdSchema.safeParse(staffId).success && displayName.trim() !== '' && initialPassword.length > 0;

  const submitCreate = (event: FormEvent) => {
    event.preventDefault();
    if (!createReady || create.busy || !confirmerReady(createConfirmer)) return;
    const request = {
      staffId,
      displayName: displayName.trim(),
      role,
      initialPassword,
      confirmer: confirmerCredentials(createConfirmer),
    };
    setInitialPassword('');
    setCreateConfirmer(NO_CONFIRMER);
    void create.run(request).then((result) => {
      if (!result.ok) return;
      setStaffId('');
      setDisplayName('');
      list.reload();
    });
  };

  const submitReset = (event: FormEvent) => {
    event.preventDefault();
    if (resetting === null || resetPassword.length === 0 || reset.busy || !confirmerReady(resetConfirmer)) return;
    const request = { staffId: resetting, initialPassword: resetPassword, confirmer: confirmerCredentials(resetConfirmer) };
    setResetPassword('');
    setResetConfirmer(NO_CONFIRMER);
    void reset.run(request).then((result) => {
      if (!result.ok) return;
      setResetting(null);
      list.reload();
    });
  };

  const submitBind = (event: FormEvent) => {
    event.preventDefault();
    if (binding === null || !cardTyped(card, false) || bind.busy) return;
    const request = {
      staffId: binding,
      card:
        card.track2 !== null
          ? { source: 'track2' as const, track2: card.track2 }
          : { source: 'manual' as const, pan: card.pan },
    };
    setCard(EMPTY_CARD);
    unbind.clear();
    void bind.run(request).then((result) => {
      if (!result.ok) return;
      setBinding(null);
      list.reload();
    });
  };

  const removeCard = (staffId: string) => {
    if (unbind.busy) return;
    bind.clear();
    void unbind.run({ staffId }).then((result) => {
      if (result.ok) list.reload();
    });
  };

  return (
    <div className="staff-screen staff-screen--wide">
      <h1 className="staff-screen__title">{t('staff.accounts.title')}</h1>
      <StaffError code={list.error ?? create.error ?? reset.error ?? bind.error ?? unbind.error} />
      {bind.value ? (
        <p className="staff-screen__text staff-ok" role="status" data-testid="account-card-bound">
          {fill(t('staff.accounts.bound'), { card: bind.value.maskedPan, staffId: bind.value.staffId })}
        </p>
      ) : null}
      {unbind.value ? (
        <p className="staff-screen__text staff-ok" role="status" data-testid="account-card-unbound">
          {fill(t('staff.accounts.unbound'), { card: unbind.value.maskedPan, staffId: unbind.value.staffId })}
        </p>
      ) : null}
      {create.value ? (
        <p className="staff-screen__text staff-ok" role="status" data-testid="account-created">
          {fill(t('staff.accounts.created'), { staffId: create.value.staffId })}
        </p>
      ) : null}
      {reset.value ? (
        <p className="staff-screen__text staff-ok" role="status" data-testid="account-reset">
          {fill(t('staff.accounts.resetDone'), { staffId: reset.value.staffId })}
        </p>
      ) : null}
      {list.value ? (
        <table className="staff-table" data-testid="accounts-list">
          <thead>
            <tr>
              <th scope="col">{t('staff.login.staffId')}</th>
              <th scope="col">{t('staff.accounts.name')}</th>
              <th scope="col">{t('staff.accounts.role')}</th>
              <th scope="col">{t('staff.accounts.status')}</th>
              <th scope="col">{t('staff.accounts.card')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('staff.accounts.reset')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.value.staff.map((account) => (
              <tr key={account.staffId} data-testid={`account-${account.staffId}`} data-locked={String(account.locked)}>
                <td>{account.staffId}</td>
                <td>{account.displayName}</td>
                <td>{t(`staff.role.${account.role}`)}</td>
                <td>
                  {[
                    account.active ? null : t('staff.accounts.inactive'),
                    account.locked ? t('staff.accounts.locked') : null,
                    account.mustChangePassword ? t('staff.accounts.mustChange') : null,
                    account.totpEnrolled ? null : t('staff.accounts.noTotp'),
                  ]
                    .filter((text) => text !== null)
                    .join(', ') || t('staff.accounts.ready')}
                </td>
                <td data-testid={`account-card-${account.staffId}`}>
                  {account.card ?? t('staff.accounts.noCard')}{' '}
                  <button
                    type="button"
                    className="staff-button"
                    data-testid={`account-bind-${account.staffId}`}
                    onClick={() => {
                      setCard(EMPTY_CARD);
                      setBinding(account.staffId);
                    }}
                  >
                    {t('staff.accounts.bindCard')}
                  </button>
                  {account.card !== null ? (
                    <button
                      type="button"
                      className="staff-button"
                      data-testid={`account-unbind-${account.staffId}`}
                      disabled={unbind.busy}
                      onClick={() => removeCard(account.staffId)}
                    >
                      {t('staff.accounts.unbindCard')}
                    </button>
                  ) : null}
                </td>
                <td>
                  <button
                    type="button"
                    className="staff-button"
                    data-testid={`account-reset-${account.staffId}`}
                    onClick={() => setResetting(account.staffId)}
                  >
                    {t('staff.accounts.reset')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : list.error ? null : (
        <Loading />
      )}
      {binding !== null ? (
        <form className="staff-card" onSubmit={submitBind} data-testid="account-bind-form">
          <h2 className="staff-card__title">{fill(t('staff.accounts.bindTitle'), { staffId: binding })}</h2>
          <CardFields value={card} onChange={setCard} withExpiry={false} />
          <div className="staff-actions">
            <button
              type="submit"
              className="staff-button staff-button--primary"
              data-testid="account-bind-submit"
              disabled={!cardTyped(card, false) || bind.busy}
            >
              {t('staff.accounts.bindCard')}
            </button>
            <button type="button" className="staff-button" onClick={() => setBinding(null)}>
              {t('staff.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      {resetting !== null ? (
        <form className="staff-card" onSubmit={submitReset} data-testid="account-reset-form">
          <h2 className="staff-card__title">{fill(t('staff.accounts.resetTitle'), { staffId: resetting })}</h2>
          <StaffField
            label={t('staff.accounts.initialPassword')}
            value={resetPassword}
            onChange={setResetPassword}
            testId="account-reset-password"
            secret
            maxLength={128}
            hint={t('staff.password.hint')}
          />
          <ConfirmerFields value={resetConfirmer} onChange={setResetConfirmer} />
          <div className="staff-actions">
            <button
              type="submit"
              className="staff-button staff-button--primary"
              data-testid="account-reset-submit"
              disabled={resetPassword.length === 0 || reset.busy || !confirmerReady(resetConfirmer)}
            >
              {t('staff.accounts.reset')}
            </button>
            <button type="button" className="staff-button" onClick={() => setResetting(null)}>
              {t('staff.common.cancel')}
            </button>
          </div>
        </form>
      ) : null}
      <form className="staff-card" onSubmit={submitCreate} data-testid="account-create">
        <h2 className="staff-card__title">{t('staff.accounts.createTitle')}</h2>
        <div className="staff-form staff-form--row">
          <StaffField
            label={t('staff.login.staffId')}
            value={staffId}
            onChange={setStaffId}
            testId="account-id"
            maxLength={32}
          />
          <StaffField
            label={t('staff.accounts.name')}
            value={displayName}
            onChange={setDisplayName}
            testId="account-name"
            maxLength={60}
          />
          <StaffField
            label={t('staff.accounts.initialPassword')}
            value={initialPassword}
            onChange={setInitialPassword}
            testId="account-password"
            secret
            maxLength={128}
          />
        </div>
        <div className="staff-choices" role="group" aria-label={t('staff.accounts.role')}>
          {STAFF_ROLES.map((choice) => (
            <button
              key={choice}
              type="button"
              className="staff-button staff-toggle"
              aria-pressed={role === choice}
              data-testid={`account-role-${choice}`}
              onClick={() => setRole(choice)}
            >
              {t(`staff.role.${choice}`)}
            </button>
          ))}
        </div>
        <ConfirmerFields value={createConfirmer} onChange={setCreateConfirmer} />
        <button
          type="submit"
          className="staff-button staff-button--primary"
          data-testid="account-create-submit"
          disabled={!createReady || create.busy || !confirmerReady(createConfirmer)}
        >
          {t('staff.accounts.create')}
        </button>
      </form>
    </div>
  );
}
