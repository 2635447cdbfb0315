// What Quasar leaves out for screen readers, added whenever the page changes:
// - each field tied to its messages (error or hint): aria-describedby on the control, aria-invalid while in
//   error (Quasar draws the message with role=alert but does not link it);
// - each dialog named by its heading (aria-labelledby);
// - the stepper's headers announced as buttons (aria-current=step on the current one, aria-disabled on the
//   steps not reached yet), opened with Space as well as Enter;
// - Quasar's thin loading bar hidden from assistive technologies (the « Chargement… » status speaks instead).
(() => {
  let next = 0;
  let pending = false;
  const sync = (field) => {
    const control = field.querySelector(
      'input.q-field__native, textarea.q-field__native, .q-field__native[role=combobox], input:not([type=hidden])'
    );
    if (!control) return;
    const messages = field.querySelector('.q-field__messages');
    const ids = (control.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && !id.startsWith('pstage-msg-'));
    if (messages && messages.textContent.trim()) {
      if (!messages.id) messages.id = 'pstage-msg-' + (++next);
      ids.push(messages.id);
    }
    if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
    else control.removeAttribute('aria-describedby');
    if (field.classList.contains('q-field--error')) control.setAttribute('aria-invalid', 'true');
    else control.removeAttribute('aria-invalid');
  };
  const nameDialog = (dialog) => {
    if (dialog.hasAttribute('aria-label') || dialog.hasAttribute('aria-labelledby')) return;
    const heading = dialog.querySelector('[role=heading], h1, h2, h3');
    if (!heading) return;
    if (!heading.id) heading.id = 'pstage-dialog-title-' + (++next);
    dialog.setAttribute('aria-labelledby', heading.id);
  };
  const stepHeader = (tab) => {
    const open = tab.classList.contains('q-stepper__tab--navigation');
    tab.setAttribute('role', 'button');
    if (open) tab.removeAttribute('aria-disabled');
    else tab.setAttribute('aria-disabled', 'true');
    if (tab.classList.contains('q-stepper__tab--active')) tab.setAttribute('aria-current', 'step');
    else tab.removeAttribute('aria-current');
  };
  document.addEventListener('keydown', (event) => {
    const tab = event.target instanceof Element && event.target.closest('.q-stepper__tab--navigation');
    if (tab && (event.key === ' ' || event.key === 'Spacebar')) {
      event.preventDefault();
      tab.click();
    }
  });
  const syncAll = () => {
    pending = false;
    document.querySelectorAll('.q-field').forEach(sync);
    document.querySelectorAll('[role=dialog], [role=alertdialog]').forEach(nameDialog);
    document.querySelectorAll('.q-stepper__tab').forEach(stepHeader);
    const bar = document.getElementById('q-loading-bar');
    if (bar && !bar.hasAttribute('aria-hidden')) bar.setAttribute('aria-hidden', 'true');
  };
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(syncAll);
    }
  };
  const start = () => new MutationObserver(schedule).observe(document.body, {
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'],
  });
  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
