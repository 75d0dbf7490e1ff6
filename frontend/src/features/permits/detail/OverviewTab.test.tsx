import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { permitFixture, typeFixture } from '@/test/permitFixtures';
import { OverviewTab } from './OverviewTab';
import { PermitHeader } from './PermitHeader';

describe('risk on the permit page', () => {
  it('reads "Not assessed" while probability and severity are not chosen', () => {
    const permit = permitFixture({ probability: null, severity: null, risk_score: null, risk_level: null });
    renderWithProviders(
      <>
        <PermitHeader permit={permit} timeZone="Europe/London" />
        <OverviewTab permit={permit} type={typeFixture()} timeZone="Europe/London" />
      </>,
    );

    // Probability, severity and the risk itself.
    expect(screen.getAllByText('Not assessed', { exact: true })).toHaveLength(3);
    expect(screen.getByText('Risk: Not assessed')).toBeInTheDocument();
  });

  it('shows the assessed probability, severity, score and level', () => {
    const permit = permitFixture({ probability: 3, severity: 4, risk_score: 12, risk_level: 'high' });
    renderWithProviders(
      <>
        <PermitHeader permit={permit} timeZone="Europe/London" />
        <OverviewTab permit={permit} type={typeFixture()} timeZone="Europe/London" />
      </>,
    );

    expect(screen.queryByText('Not assessed', { exact: true })).not.toBeInTheDocument();
    expect(screen.getByText('High (12)', { exact: true })).toBeInTheDocument();
    expect(screen.getByText('Risk: High (12)')).toBeInTheDocument();
  });
});
