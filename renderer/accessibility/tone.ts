// The key tone of headphone mode: one short sine beep, identical for every key, so a listener learns that a key
// was taken but never which one. Web Audio is created on first use (a key press, so autoplay rules allow it) and
// everything degrades to silence where the API is missing.

const TONE_FREQUENCY_HZ = 880;
const TONE_DURATION_MS = 70;
const TONE_GAIN = 0.2;
/** Where the fade-out ends; an exponential ramp cannot reach 0. */
const TONE_GAIN_FLOOR = 0.001;

type AudioContextConstructor = new () => AudioContext;

let context: AudioContext | null | undefined;

function audioContext(): AudioContext | null {
  if (context !== undefined) return context;
  const Constructor: AudioContextConstructor | undefined =
    typeof window === 'undefined'
      ? undefined
      : (window.AudioContext ?? (window as { webkitAudioContext?: AudioContextConstructor }).webkitAudioContext);
  try {
    context = Constructor ? new Constructor() : null;
  } catch {
    context = null;
  }
  return context;
}

export function playKeyTone(): void {
  const audio = audioContext();
  if (!audio) return;
  try {
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    const start = audio.currentTime;
    const end = start + TONE_DURATION_MS / 1000;
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(TONE_FREQUENCY_HZ, start);
    // A fade-out instead of a hard stop, which would click.
    gain.gain.setValueAtTime(TONE_GAIN, start);
    gain.gain.exponentialRampToValueAtTime(TONE_GAIN_FLOOR, end);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(start);
    oscillator.stop(end);
  } catch {
    // No sound is better than a keypad that throws.
  }
}
