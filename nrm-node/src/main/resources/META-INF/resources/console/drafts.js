// What a user typed survives a lost session: before leaving for the login page the open forms are saved
// under the page's address, and put back when the page is shown again.
const KEY = 'trm.console.drafts';

function fields(form) {
  return [...form.elements].filter((e) => e.name && e.type !== 'submit' && e.type !== 'button');
}

export function saveDrafts() {
  const drafts = {};
  document.querySelectorAll('main form[data-draft]').forEach((form) => {
    drafts[form.dataset.draft] = fields(form).map((e) => [e.name, e.value, e.type === 'checkbox' || e.type === 'radio' ? e.checked : null]);
  });
  sessionStorage.setItem(KEY, JSON.stringify({ page: location.hash, drafts }));
}

/** Fills the forms of this page from a saved draft, once; answers whether there was one. */
export function restoreDrafts() {
  const saved = JSON.parse(sessionStorage.getItem(KEY) || 'null');
  if (!saved || saved.page !== location.hash) return false;
  sessionStorage.removeItem(KEY);
  let restored = false;
  document.querySelectorAll('main form[data-draft]').forEach((form) => {
    const values = saved.drafts[form.dataset.draft];
    if (!values) return;
    const byName = fields(form);
    values.forEach(([name, value, checked]) => {
      byName.filter((e) => e.name === name).forEach((e) => {
        if (checked === null) e.value = value;
        else if (e.value === value) e.checked = checked;
      });
    });
    form.dispatchEvent(new Event('input', { bubbles: true }));
    restored = true;
  });
  return restored;
}
