// The frame every screen shares: one <h1> naming the screen, then the screen's own content.
import type { ReactNode } from 'react';

type ScreenLayoutProps = {
  readonly title: string;
  readonly className?: string;
  readonly children?: ReactNode;
};

export function ScreenLayout({ title, className, children }: ScreenLayoutProps) {
  return (
    <div className={className ? `screen ${className}` : 'screen'}>
      <h1 className="screen__title">{title}</h1>
      {children}
    </div>
  );
}
