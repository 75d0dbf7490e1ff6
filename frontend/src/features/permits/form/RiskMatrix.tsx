import { useContext, type CSSProperties } from 'react';
import { Flex, Form, Typography } from 'antd';
import DisabledContext from 'antd/es/config-provider/DisabledContext';
import type { RiskBand } from '@/lib/api/models';
import { levelOf, RISK_LABELS, type RiskLevel } from '@/lib/permits/riskLevel';
import type { PermitFormValues } from './formModel';

/** The 5×5 matrix's scales, 1 to 5. */
export const PROBABILITY_NAMES = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;
export const SEVERITY_NAMES = ['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic'] as const;
const SCALE = [1, 2, 3, 4, 5] as const;
const pName = (p: number): string => PROBABILITY_NAMES[p - 1] ?? '';
const sName = (s: number): string => SEVERITY_NAMES[s - 1] ?? '';

/** Cell backgrounds by level: light tints of the levels' tag colours, dark text stays readable on each. */
const CELL_BACKGROUNDS: Readonly<Record<RiskLevel, string>> = {
  low: '#d9f7be',
  medium: '#fff1b8',
  high: '#ffd591',
  extreme: '#ffa39e',
};
const CELL = 44;

const cellStyle = (level: RiskLevel | undefined, chosen: boolean): CSSProperties => ({
  minWidth: CELL,
  minHeight: CELL,
  border: chosen ? '3px solid #1677ff' : '1px solid rgba(0, 0, 0, 0.15)',
  borderRadius: 4,
  background: level === undefined ? '#fafafa' : CELL_BACKGROUNDS[level],
  color: 'rgba(0, 0, 0, 0.88)',
  fontWeight: chosen ? 700 : 400,
  fontSize: 15,
  cursor: 'pointer',
  padding: 0,
});

const headStyle: CSSProperties = { display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: 24 };

interface RiskMatrixProps {
  /** The server's bands (the permit type carries them), in rising order. */
  bands: readonly RiskBand[];
}

/**
 * The 5×5 risk matrix beside the probability and severity inputs: probability rows (5 at the top) by severity
 * columns, each cell coloured by the level the server gives its score, the chosen cell outlined. Tapping a cell
 * chooses both values; the line under it says the score and level, or that the risk is not assessed yet.
 */
export function RiskMatrix({ bands }: RiskMatrixProps) {
  const form = Form.useFormInstance<PermitFormValues>();
  const disabled = useContext(DisabledContext);
  const probability = Form.useWatch('probability', form) ?? undefined;
  const severity = Form.useWatch('severity', form) ?? undefined;
  const score = probability !== undefined && severity !== undefined ? probability * severity : undefined;
  const level = score === undefined ? undefined : levelOf(score, bands);

  const choose = (p: number, s: number) => {
    form.setFieldsValue({ probability: p, severity: s });
    void form.validateFields(['probability', 'severity']).catch(() => undefined);
  };

  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">
        Risk matrix: probability in rows (5 at the top), severity in columns. Tap a cell to choose both.
      </Typography.Text>
      <div
        role="group"
        aria-label="Risk matrix"
        style={{
          display: 'grid',
          gridTemplateColumns: `24px repeat(5, minmax(${String(CELL)}px, 64px))`,
          gap: 4,
          maxWidth: 24 + 5 * 64 + 5 * 4,
        }}
      >
        <span aria-hidden style={headStyle} />
        {SCALE.map((s) => (
          <span key={`s${String(s)}`} style={headStyle} title={`Severity ${String(s)}: ${sName(s)}`}>
            <Typography.Text strong>S{s}</Typography.Text>
          </span>
        ))}
        {[...SCALE].reverse().flatMap((p) => [
          <span key={`p${String(p)}`} style={headStyle} title={`Probability ${String(p)}: ${pName(p)}`}>
            <Typography.Text strong>P{p}</Typography.Text>
          </span>,
          ...SCALE.map((s) => {
            const cellLevel = levelOf(p * s, bands);
            const chosen = p === probability && s === severity;
            const levelName = cellLevel === undefined ? '' : `, ${RISK_LABELS[cellLevel]}`;
            return (
              <button
                key={`${String(p)}x${String(s)}`}
                type="button"
                disabled={disabled}
                aria-pressed={chosen}
                aria-label={`Probability ${String(p)} (${pName(p)}), severity ${String(s)} (${sName(s)}): score ${String(p * s)}${levelName}`}
                data-level={cellLevel}
                style={cellStyle(cellLevel, chosen)}
                onClick={() => {
                  choose(p, s);
                }}
              >
                {p * s}
              </button>
            );
          }),
        ])}
      </div>
      <Typography.Text role="status" aria-label="Assessed risk">
        {score === undefined ? (
          'Not assessed: choose probability and severity (needed to submit; a draft may be saved without them).'
        ) : (
          <>
            Risk: <strong>{score}</strong> ({String(probability)} × {String(severity)}),{' '}
            <strong>{level === undefined ? '' : RISK_LABELS[level]}</strong>
          </>
        )}
      </Typography.Text>
    </Flex>
  );
}
