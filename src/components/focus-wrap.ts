// Keeps Tab inside a modal dialog: showModal makes the page inert, but Chromium still lets Tab leave the last
// control for the browser's own toolbar; a till used by keyboard should cycle within the dialog instead.
const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, a[href]';

/** A dialog's onKeyDown: Tab on the last control goes to the first, Shift+Tab on the first to the last. */
export function wrapTab(event: KeyboardEvent): void {
  if (event.key !== 'Tab') return;
  const dialog = event.currentTarget as HTMLElement;
  const controls = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = controls[0];
  const last = controls[controls.length - 1];
  if (!first || !last) return;
  if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  } else if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  }
}
