import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryRouter } from 'react-router-dom';
import { PermitCard } from './PermitCard';
import { RiskTag } from './RiskTag';

const permit = { id: 7, permit_number: 'PTW-2026-000007', title: 'Replace gasket', status: 'draft', permit_type: { name: 'General' } };

describe('RiskTag', () => {
  it('reads "Not assessed" before probability and severity are chosen', () => {
    render(<RiskTag level={null} score={null} />);
    expect(screen.getByText('Risk: Not assessed')).toBeInTheDocument();
  });

  it('reads the level and score once assessed', () => {
    render(<RiskTag level="high" score={12} />);
    expect(screen.getByText('Risk: High (12)')).toBeInTheDocument();
  });
});

describe('PermitCard risk', () => {
  it('shows "Not assessed" for a permit whose risk is null', () => {
    render(
      <MemoryRouter>
        <PermitCard permit={{ ...permit, risk_level: null, risk_score: null }} projectId={1} />
      </MemoryRouter>,
    );
    expect(screen.getByText('Risk: Not assessed')).toBeInTheDocument();
  });

  it('shows no risk for a list that does not carry it', () => {
    render(
      <MemoryRouter>
        <PermitCard permit={permit} projectId={1} />
      </MemoryRouter>,
    );
    expect(screen.queryByText(/^Risk:/)).not.toBeInTheDocument();
  });
});
