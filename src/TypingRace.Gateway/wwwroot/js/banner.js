// The dismissable error banner and the connection status line.

import { t, errorMessage } from './i18n.js';

const errorBanner = () => document.getElementById('error-banner');
const statusBanner = () => document.getElementById('status-banner');

export function initBanners() {
  errorBanner()?.querySelector('.banner-dismiss')?.addEventListener('click', hideError);
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !errorBanner()?.hidden) hideError();
  });
}

/** Shows an error: an ApiError/HubError (with .code) or any thrown value. */
export function showError(error, fallback = t('common.somethingWrong')) {
  const banner = errorBanner();
  if (!banner) return;
  const code = error?.code;
  const message = errorMessage(error, fallback);
  banner.querySelector('.banner-text').textContent = code && !message.startsWith(code) ? `${message} (${code})` : message;
  banner.dataset.code = code ?? '';
  banner.hidden = false;
}

export function hideError() {
  const banner = errorBanner();
  if (!banner) return;
  banner.hidden = true;
  banner.dataset.code = '';
}

/** A non-error status ("Reconnecting…"), with an optional action button. */
export function showStatus(text, action) {
  const banner = statusBanner();
  if (!banner) return;
  banner.querySelector('.banner-text').textContent = text;
  const button = banner.querySelector('.banner-action');
  button.hidden = !action;
  button.onclick = null;
  if (action) {
    button.textContent = action.label;
    button.onclick = action.run;
  }
  banner.hidden = false;
}

export function hideStatus() {
  const banner = statusBanner();
  if (banner) banner.hidden = true;
}
