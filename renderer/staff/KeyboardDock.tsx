// Docks the on-screen keyboard under the staff screens while one of their text fields has focus, and types into that
// field the way a physical keyboard does: at the caret, through the `input` event React listens to. So fields need no
// wiring beyond being a StaffField, and a connected keyboard and the on-screen one always agree.
import { useLayoutEffect, useSyncExternalStore } from 'react';
import { useT } from '../i18n/index.ts';
import { type KeyboardLayout, OnScreenKeyboard } from './OnScreenKeyboard.tsx';

const setNativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;

function typeInto(
  input: HTMLInputElement,
  edit: (value: string, start: number, end: number) => { value: string; caret: number },
): void {
  // The field may have lost focus to a button meanwhile: typing takes it back, as a tap on the field would.
  if (document.activeElement !== input) input.focus();
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  const next = edit(input.value, start, end);
  if (next.value === input.value) return;
  // Setting the value through the prototype's setter lets React see the change as user input.
  setNativeValue?.call(input, next.value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.setSelectionRange(next.caret, next.caret);
}

function insert(input: HTMLInputElement, text: string): void {
  typeInto(input, (value, start, end) => {
    const room = input.maxLength > 0 ? input.maxLength - (value.length - (end - start)) : text.length;
    const added = text.slice(0, Math.max(0, room));
    return { value: value.slice(0, start) + added + value.slice(end), caret: start + added.length };
  });
}

function backspace(input: HTMLInputElement): void {
  typeInto(input, (value, start, end) => {
    const from = start === end ? Math.max(0, start - 1) : start;
    return { value: value.slice(0, from) + value.slice(end), caret: from };
  });
}

/** Done: the next field of the same form, or the form's submit when this was the last one. */
function done(input: HTMLInputElement): void {
  const form = input.form;
  const fields = form ? [...form.querySelectorAll<HTMLInputElement>('input[data-keyboard]:not(:disabled)')] : [];
  const next = fields[fields.indexOf(input) + 1];
  if (next) {
    next.focus();
    return;
  }
  setTarget(null);
  input.blur();
  form?.requestSubmit();
}

function isKeyboardField(target: EventTarget | null): target is HTMLInputElement {
  return target instanceof HTMLInputElement && target.dataset.keyboard !== undefined;
}

/**
 * The field the keyboard types into: the last staff text field that took focus. It stays docked when focus moves on
 * to a button (so the screen does not jump under a finger on its way to Log in); it goes with its screen, or when
 * Done on a form's last field submits it, or
 * when staff hide it. Focus is a DOM event React does not see, hence an external store.
 */
let target: HTMLInputElement | null = null;
const listeners = new Set<() => void>();

function setTarget(next: HTMLInputElement | null): void {
  if (next === target) return;
  target = next;
  for (const listener of listeners) listener();
}

function onFocusIn(event: FocusEvent): void {
  if (isKeyboardField(event.target)) setTarget(event.target);
}

/** Sending a form (Search, Log in…) puts its keyboard away, so the answer shows in full. */
function onSubmit(event: SubmitEvent): void {
  if (target && target.form === event.target) setTarget(null);
}

function subscribe(listener: () => void): () => void {
  if (listeners.size === 0) {
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('submit', onSubmit, { capture: true });
  }
  listeners.add(listener);
  // A field focused while its screen mounted (autoFocus) took focus before anyone listened.
  if (isKeyboardField(document.activeElement)) setTarget(document.activeElement);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('submit', onSubmit, { capture: true });
    }
  };
}

/** A field leaving the screen takes the keyboard with it (its removal fires no focus event to notice). */
export function releaseKeyboard(input: HTMLInputElement): void {
  if (target === input) setTarget(null);
}

function dockedField(): HTMLInputElement | null {
  return target?.isConnected ? target : null;
}

export function KeyboardDock() {
  const t = useT();
  const field = useSyncExternalStore(subscribe, dockedField);
  // The keyboard takes the lower part of the screen: keep the field being typed into above it.
  useLayoutEffect(() => {
    field?.scrollIntoView({ block: 'nearest' });
  }, [field]);
  if (!field) return null;
  const layout: KeyboardLayout = field.dataset.keyboard === 'numeric' ? 'numeric' : 'text';
  return (
    <div className="staff-dock" data-testid="keyboard-dock">
      <OnScreenKeyboard
        key={layout}
        layout={layout}
        onKey={(character) => insert(field, character)}
        onBackspace={() => backspace(field)}
        onDone={() => done(field)}
        onHide={() => {
          setTarget(null);
          field.blur();
        }}
        doneLabel={t('staff.keyboard.done')}
      />
    </div>
  );
}
