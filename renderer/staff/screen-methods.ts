// Which staff channel opens each function screen: the menu offers a screen only when the session's `allowed` list
// has its channel (main's STAFF_ACCESS decides; this never widens it).
import type { StaffMethod } from '../../shared/ipc/staff.ts';
import type { StaffScreen } from '../store/index.ts';

export const SCREEN_METHOD: Readonly<Record<Exclude<StaffScreen, 'home'>, StaffMethod>> = {
  dashboard: 'dashboard',
  replenishment: 'cassetteTotal',
  dayTotals: 'trialDayTotal',
  testDispense: 'testDispense',
  retainedCards: 'listRetainedCards',
  retractRefunds: 'listRetractRefunds',
  resetPin: 'resetPinAttempts',
  enrolment: 'startEnrolment',
  journal: 'queryJournal',
  service: 'setService',
  devices: 'deviceStatus',
  settings: 'getSettings',
  sync: 'syncIssues',
  staffAccounts: 'listStaff',
};
