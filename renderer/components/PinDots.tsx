// Masked PIN feedback: one CSS dot per slot, filled up to the PIN's length; a newly filled dot animates, which is
// the press feedback. The row is a single image with a constant name, so assistive tech hears neither digits nor
// counts.

type PinDotsProps = {
  readonly length: number;
  readonly slots: number;
  readonly label: string;
};

export function PinDots({ length, slots, label }: PinDotsProps) {
  return (
    <div className="pin-dots" data-testid="pin-dots" role="img" aria-label={label}>
      {Array.from({ length: slots }, (_, index) => (
        <span key={index} className="pin-dot" data-filled={index < length ? 'true' : 'false'} />
      ))}
    </div>
  );
}
