// Working time for the demo's made-up mail: Monday to Friday, 07:00-15:30 UTC (08:00-16:30 in Copenhagen in
// winter, 09:00-17:30 in summer: office hours either way). Mail is placed on a scale of working seconds counted
// back from "now", so the same seed gives the same order of mail whatever the clock, and every message falls in
// working hours of the last five working days (today counts for what has passed of it).

export const WORK_START_MINUTE = 7 * 60;
export const WORK_END_MINUTE = 15 * 60 + 30;
/** Mail is sent by 15:28, so its receipt (up to 90 s later) is still within working hours. */
const SEND_END_MINUTE = WORK_END_MINUTE - 2;
const DAY_SECONDS = (SEND_END_MINUTE - WORK_START_MINUTE) * 60;
export const WEEK_WORKING_SECONDS = 5 * DAY_SECONDS;
const DAY_MS = 86_400_000;

export function isWorkingDay(d: Date): boolean {
  const day = d.getUTCDay();
  return day !== 0 && day !== 6;
}

/** Whether `d` lies in working hours (07:00-15:30 UTC on a working day). */
export function inWorkingHours(d: Date): boolean {
  const minute = d.getUTCHours() * 60 + d.getUTCMinutes() + d.getUTCSeconds() / 60;
  return isWorkingDay(d) && minute >= WORK_START_MINUTE && minute <= WORK_END_MINUTE;
}

/** The instant `back` working seconds (sending time) before `now`; `back` > 0. */
export function atWorkingSecondsBefore(now: Date, back: number): Date {
  let dayStart = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  const workStart = dayStart + WORK_START_MINUTE * 60_000;
  // Today's sending time that has passed, then whole working days further back.
  let available = isWorkingDay(now)
    ? Math.min(Math.max(0, (now.getTime() - workStart) / 1000), DAY_SECONDS)
    : 0;
  while (back > available) {
    back -= available;
    dayStart -= DAY_MS;
    available = isWorkingDay(new Date(dayStart)) ? DAY_SECONDS : 0;
  }
  return new Date(dayStart + WORK_START_MINUTE * 60_000 + Math.round((available - back) * 1000));
}
