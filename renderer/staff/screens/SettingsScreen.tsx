// The settings editor: main's settings document, one field per setting — a switch for yes/no, a field for numbers
// and text (empty means "none" where a setting may be empty), a comma-separated list for lists, and the bank's
// settings as a group. Save sends only what changed; main validates the whole result and either applies and journals
// it (before/after) or refuses it with SETTINGS_INVALID and changes nothing.
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { SettingsDocumentSchema } from '../../../shared/ipc/staff.ts';
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

type SettingsDocument = z.output<typeof SettingsDocumentSchema>;
type Scalar = string | number | boolean | null;
type Draft = Readonly<Record<string, string | boolean>>;

function isGroup(value: unknown): value is Record<string, Scalar> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How a value is edited: booleans as switches, everything else as text. */
function draftOf(value: Scalar | readonly Scalar[]): string | boolean {
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((item) => String(item)).join(', ');
  return value === null ? '' : String(value);
}

/** The typed text back in the setting's own type; what does not parse goes as typed, for main's schema to refuse. */
function valueOf(text: string | boolean, original: Scalar | readonly Scalar[]): Scalar | Scalar[] {
  if (typeof text === 'boolean') return text;
  if (Array.isArray(original)) {
    const items = text
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    return original.every((item) => typeof item === 'number')
      ? items.map((item) => (Number.isFinite(Number(item)) ? Number(item) : item))
      : items;
  }
  if (text.trim() === '') return null;
  if (typeof original === 'number') return Number.isFinite(Number(text)) ? Number(text) : text;
  return text;
}

/** Flattens the document into field paths (`bank.url`) and their draft values. */
function draftsOf(settings: SettingsDocument): Draft {
  const draft: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (isGroup(value)) for (const [sub, subValue] of Object.entries(value)) draft[`${key}.${sub}`] = draftOf(subValue);
    else draft[key] = draftOf(value);
  }
  return draft;
}

/** Top-level keys that changed, with groups carrying only their changed members (main merges them key by key). */
function patchOf(settings: SettingsDocument, draft: Draft): SettingsDocument {
  const patch: Record<string, SettingsDocument[string]> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (isGroup(value)) {
      const changed: Record<string, Scalar> = {};
      for (const [sub, subValue] of Object.entries(value)) {
        const typed = draft[`${key}.${sub}`];
        if (typed !== undefined && typed !== draftOf(subValue)) changed[sub] = valueOf(typed, subValue) as Scalar;
      }
      if (Object.keys(changed).length > 0) patch[key] = changed;
    } else {
      const typed = draft[key];
      if (typed !== undefined && typed !== draftOf(value)) patch[key] = valueOf(typed, value);
    }
  }
  return patch;
}

export function SettingsScreen() {
  const t = useT();
  const load = useStaffQuery('getSettings');
  const save = useStaffAction('updateSettings');
  const [edits, setEdits] = useState<Draft>({});
  // Under dual control, switching it off or changing the bank connection needs a second staff member (main decides).
  const [confirmer, setConfirmer] = useState<Confirmer>(NO_CONFIRMER);
  const settings = save.value?.settings ?? load.value?.settings ?? null;
  const base = settings ? draftsOf(settings) : {};
  const draft: Draft = { ...base, ...edits };
  const patch = settings ? patchOf(settings, draft) : {};
  const dirty = Object.keys(patch).length > 0;
  const edit = (path: string) => (value: string | boolean) => setEdits((current) => ({ ...current, [path]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty || save.busy || !confirmerReady(confirmer)) return;
    void save.run({ patch, confirmer: confirmerCredentials(confirmer) }).then((result) => {
      if (!result.ok) return;
      setEdits({});
      setConfirmer(NO_CONFIRMER);
    });
  };

  const field = (path: string, original: Scalar | readonly Scalar[]) => {
    const value = draft[path];
    if (typeof value === 'boolean') {
      return (
        <div key={path} className="staff-field">
          <span className="staff-field__label">{path}</span>
          <button
            type="button"
            className="staff-button staff-toggle"
            aria-pressed={value}
            data-testid={`setting-${path}`}
            onClick={() => edit(path)(!value)}
          >
            {t(value ? 'staff.settings.on' : 'staff.settings.off')}
          </button>
        </div>
      );
    }
    return (
      <StaffField
        key={path}
        label={path}
        value={value ?? ''}
        onChange={edit(path)}
        testId={`setting-${path}`}
        numeric={typeof original === 'number'}
        maxLength={typeof original === 'string' && original.length > 200 ? 65_536 : 300}
        hint={
          Array.isArray(original)
            ? t('staff.settings.listHint')
            : original === null
              ? t('staff.settings.emptyHint')
              : undefined
        }
      />
    );
  };

  return (
    <form className="staff-screen staff-screen--wide" onSubmit={submit} data-testid="settings">
      <div className="staff-screen__head">
        <h1 className="staff-screen__title">{t('staff.settings.title')}</h1>
        <button
          type="submit"
          className="staff-button staff-button--primary"
          data-testid="settings-save"
          disabled={!dirty || save.busy || !confirmerReady(confirmer)}
        >
          {t('staff.settings.save')}
        </button>
        <button
          type="button"
          className="staff-button"
          data-testid="settings-undo"
          disabled={!dirty}
          onClick={() => setEdits({})}
        >
          {t('staff.settings.undo')}
        </button>
      </div>
      <StaffError code={load.error ?? save.error} />
      {dirty ? <ConfirmerFields value={confirmer} onChange={setConfirmer} /> : null}
      {save.value && !dirty ? (
        <p
          className="staff-screen__text staff-ok"
          role="status"
          data-testid="settings-saved"
          data-changed={save.value.changed.join(' ')}
        >
          {save.value.changed.length === 0
            ? t('staff.settings.unchanged')
            : fill(t('staff.settings.saved'), { settings: save.value.changed.join(', ') })}
        </p>
      ) : null}
      {settings ? (
        <div className="staff-form staff-form--grid">
          {Object.entries(settings).map(([key, value]) =>
            isGroup(value) ? (
              <fieldset key={key} className="staff-card staff-card--wide staff-form staff-form--grid">
                <legend className="staff-card__title">{key}</legend>
                {Object.entries(value).map(([sub, subValue]) => field(`${key}.${sub}`, subValue))}
              </fieldset>
            ) : (
              field(key, value)
            ),
          )}
        </div>
      ) : load.error ? null : (
        <Loading />
      )}
    </form>
  );
}
