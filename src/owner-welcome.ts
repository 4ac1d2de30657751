// "You are the owner — now pair your tablets": shown once on the first screen after a device pairs as owner,
// until dismissed or Devices is opened. Kept in sessionStorage so the home screen's first load still sees it.

const KEY = 'orderline:owner-welcome';

export function announceOwnerWelcome(): void {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch (error) {
    // Storage off (private mode): the welcome is a hint, the app works without it.
    console.info('The owner welcome could not be kept', error);
  }
}

export function ownerWelcomePending(): boolean {
  try {
    return sessionStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function dismissOwnerWelcome(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch (error) {
    console.info('The owner welcome could not be cleared', error);
  }
}
