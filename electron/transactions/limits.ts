// The rules a withdrawal or transfer must pass before any money is held, each refusal a distinct code.
import type { ErrorCode } from '../../shared/ipc/index.ts';
import type { KioskSettings } from '../settings/kiosk-settings.ts';
import type { DailyUsage } from './transaction-repo.ts';

export function withdrawalLimitRefusal(settings: KioskSettings, usage: DailyUsage, amountMinor: number): ErrorCode | null {
  if (amountMinor > settings.withdrawalMaxMinor) return 'LIMIT_PER_WITHDRAWAL';
  if (usage.withdrawals + 1 > settings.dailyWithdrawalCountMax) return 'LIMIT_DAILY_COUNT';
  if (usage.withdrawnMinor + amountMinor > settings.dailyWithdrawalMaxMinor) return 'LIMIT_DAILY_AMOUNT';
  return null;
}

export function transferLimitRefusal(settings: KioskSettings, usage: DailyUsage, amountMinor: number): ErrorCode | null {
  if (usage.transferredMinor + amountMinor > settings.dailyTransferMaxMinor) return 'LIMIT_DAILY_TRANSFER';
  return null;
}
