// Idle: invites a card. Cards arrive three ways: the simulated reader (demo mode), a keyboard-wedge stripe reader
// (always listening while this screen is up), or typed on the keypad when the settings allow it. Holding the
// bottom-left corner opens the staff login.
import { useState } from 'react';
import type { DemoCard } from '../../shared/ipc/system.ts';
import { ManualCardEntry } from '../components/ManualCardEntry.tsx';
import { ScreenLayout } from '../components/ScreenLayout.tsx';
import { useCardSwipe } from '../hooks/use-card-swipe.ts';
import { useT } from '../i18n/index.ts';
import { useIntents } from '../intents.ts';
import { StaffCornerHold } from '../staff/StaffCornerHold.tsx';
import { systemSelectors, useAtmStore } from '../store/index.ts';

export function WelcomeScreen() {
  const t = useT();
  const intents = useIntents();
  const isDemo = useAtmStore(systemSelectors.isDemo);
  const demoCards = useAtmStore(systemSelectors.demoCards);
  const manualCardEntry = useAtmStore(systemSelectors.manualCardEntry);
  const [manualOpen, setManualOpen] = useState(false);
  const showManual = manualOpen && manualCardEntry;

  // While the keypad is up its digits belong to the card number, not to the stripe reader.
  useCardSwipe((track2) => intents.insertCard({ source: 'track2', track2 }), !showManual);

  if (showManual) {
    return (
      <ManualCardEntry
        onSubmit={(pan) => intents.insertCard({ source: 'manual', pan })}
        onCancel={() => setManualOpen(false)}
      />
    );
  }

  return (
    <ScreenLayout title={t('welcome.title')} className="screen--welcome">
      <StaffCornerHold />
      <p className="screen__text" data-speak>
        {t('welcome.swipeHint')}
      </p>
      {isDemo && demoCards.length > 0 ? (
        <section className="demo-reader" aria-labelledby="demo-reader-title">
          <h2 id="demo-reader-title" className="demo-reader__title">
            {t('welcome.demoReader')}
          </h2>
          <ul className="demo-reader__cards">
            {demoCards.map((card) => (
              <li key={card.demoCardId}>
                <DemoCardButton
                  card={card}
                  onInsert={() => intents.insertCard({ source: 'demo', demoCardId: card.demoCardId })}
                />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {manualCardEntry ? (
        <button
          type="button"
          className="button button--secondary"
          data-testid="manual-entry"
          onClick={() => setManualOpen(true)}
        >
          {t('welcome.manualEntry')}
        </button>
      ) : null}
    </ScreenLayout>
  );
}

function DemoCardButton({ card, onInsert }: { readonly card: DemoCard; readonly onInsert: () => void }) {
  const t = useT();
  return (
    <button
      type="button"
      className="demo-card"
      data-testid={`demo-card-${card.demoCardId}`}
      data-note={card.note}
      onClick={onInsert}
    >
      <span className="demo-card__holder">{card.holderName}</span>
      <span className="demo-card__pan">{card.maskedPan}</span>
      <span className="demo-card__note">{t(`demoCard.note.${card.note}`)}</span>
    </button>
  );
}
