// English screen text: the reference dictionary. Every other language must supply exactly these keys (the
// `Dictionary` type makes a missing or extra key a compile error), so components never hold literal text.
const en = {
  'meta.locale': 'en-GB',

  'app.unavailable.title': 'Kiosk API unavailable',
  'app.unavailable.body': 'This screen cannot reach the kiosk. Please contact staff.',
  'app.booting.title': 'Starting…',
  'app.failed.title': 'Temporarily out of service',
  'app.failed.body': 'The kiosk could not start. Please try again later.',

  'notice.internal': 'Something went wrong. Please try again.',

  'welcome.title': 'Welcome — insert your card',
  'welcome.swipeHint': 'Insert or swipe your card to begin.',
  'welcome.demoReader': 'Demo card reader — tap a card to insert it',
  'welcome.manualEntry': 'Type card number',
  'demoCard.note.active': 'Active',
  'demoCard.note.blocked': 'Blocked',
  'demoCard.note.expired': 'Expired',

  'manual.title': 'Type your card number',
  'manual.hint': 'Enter the 12 to 19 digits on the front of your card.',
  'manual.numberLabel': 'Card number',

  'keypad.label': 'Keypad',
  'keypad.clear': 'Clear',
  'keypad.cancel': 'Cancel',
  'keypad.enter': 'Enter',

  'pin.title': 'Enter your PIN',
  'pin.hint': 'Cover the keypad with your hand. Press Enter when done.',
  'pin.cardLabel': 'Card',
  'pin.dotsLabel': 'PIN entry',
  'pin.incorrect': 'Incorrect PIN. Please try again.',

  'processing.title': 'Checking your PIN…',

  'menu.title': 'What would you like to do?',
  'menu.exit': 'Exit',
  'transaction.balance': 'Balance',

  'balance.title': 'Your balance',
  'balance.available': 'Available',
  'balance.ledger': 'Balance',
  'balance.noAccounts': 'No accounts to show.',
  'balance.amountUnavailable': 'Not available',
  'balance.another': 'Another transaction',
  'balance.done': 'Done',

  'refused.title': 'Card not accepted',
  'refusal.CARD_UNKNOWN': 'This card is not recognised by this machine.',
  'refusal.CARD_EXPIRED': 'This card has expired.',
  'refusal.CARD_BLOCKED': 'This card is blocked. Please contact your bank.',
  'refusal.CARD_RETAINED': 'This card cannot be used. Please contact your bank.',
  'refusal.CARD_UNREADABLE': 'The card could not be read. Please try again.',
  'refusal.MANUAL_ENTRY_DISABLED': 'Typing a card number is not available on this machine.',
  'refusal.generic': 'This card cannot be used right now.',
  'refused.takeCard': 'Please take your card.',

  'retained.title': 'Card retained',
  'retained.body': 'Your card has been retained. Please contact your bank.',

  'goodbye.title': 'Thank you. Please take your card.',

  'outOfService.title': 'Temporarily out of service',
  'outOfService.body': 'Sorry for the inconvenience. Please use another machine.',
} as const;

export type MessageKey = keyof typeof en;
/** What a language file must provide: every key, as plain text. */
export type Dictionary = { readonly [K in MessageKey]: string };

export { en };
