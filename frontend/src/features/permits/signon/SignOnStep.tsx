import { Button, Checkbox, Flex, Input, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '@/components/ErrorAlert';
import type { SignatureInput, Worker } from '@/lib/api/models';
import type { SignOnEntry } from '../api/crew';
import { drawnSignature, MAX_DRAWN_LENGTH, signatureMatches, typedSignature } from '../components/signature';
import { SignaturePad } from '../components/SignaturePad';

type Method = SignatureInput['method'];

const METHOD_OPTIONS: { label: string; value: Method }[] = [
  { label: 'Draw', value: 'drawn' },
  { label: 'Type name', value: 'typed' },
];

export interface SignOnStepProps {
  worker: Worker;
  /** The server's statement: the talk, its topics, the permit's hazards and precautions. */
  statement: string;
  pending: boolean;
  error: Error | null;
  onSign: (entry: SignOnEntry) => void;
  onBack: () => void;
}

/** One worker signs on: reads the statement, confirms it, draws or types their name, and signs. */
export function SignOnStep({ worker, statement, pending, error, onSign, onBack }: SignOnStepProps) {
  const [confirmed, setConfirmed] = useState(false);
  const [method, setMethod] = useState<Method>('drawn');
  const [typed, setTyped] = useState('');
  const [drawing, setDrawing] = useState<string | null>(null);
  const typedOk = signatureMatches(typed, worker.name);
  const drawnOk = drawing !== null && drawing.length <= MAX_DRAWN_LENGTH;
  const ready = confirmed && (method === 'typed' ? typedOk : drawnOk) && !pending;

  const sign = () => {
    const signature = method === 'typed' ? typedSignature(typed) : drawnSignature(drawing ?? '');
    onSign({ signature, statementConfirmed: confirmed });
  };

  return (
    <section aria-labelledby="sign-on-step" style={{ maxWidth: 720, width: '100%' }}>
      <Flex vertical gap="middle">
        <Typography.Title level={3} id="sign-on-step" style={{ margin: 0 }}>
          {worker.name}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 16, fontWeight: 'normal' }}>
            {worker.company}
          </Typography.Text>
        </Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{statement}</Typography.Paragraph>
        <Typography.Paragraph strong style={{ fontSize: 16, margin: 0 }}>
          {worker.sign_on_declaration}
        </Typography.Paragraph>
        <Checkbox
          checked={confirmed}
          disabled={pending}
          onChange={(event) => {
            setConfirmed(event.target.checked);
          }}
          style={{ minHeight: 44, alignItems: 'center', fontSize: 16 }}
        >
          I confirm the statement above
        </Checkbox>
        <Segmented<Method>
          block
          size="large"
          options={METHOD_OPTIONS}
          value={method}
          onChange={setMethod}
          aria-label="How to sign"
        />
        {method === 'drawn' ? (
          <Flex vertical gap={4}>
            <Typography.Text id="sign-on-pad-help">Draw your signature with a finger or pen</Typography.Text>
            <SignaturePad aria-describedby="sign-on-pad-help" value={drawing} disabled={pending} onChange={setDrawing} />
          </Flex>
        ) : (
          <label htmlFor="sign-on-name" style={{ display: 'block' }}>
            <Typography.Text>Type your full name: {worker.name}</Typography.Text>
            <Input
              id="sign-on-name"
              size="large"
              autoComplete="off"
              value={typed}
              disabled={pending}
              status={typed.trim() !== '' && !typedOk ? 'error' : undefined}
              onChange={(event) => {
                setTyped(event.target.value);
              }}
            />
            {typed.trim() !== '' && !typedOk && (
              <Typography.Text type="danger">The name must be {worker.name}, as on the permit.</Typography.Text>
            )}
          </label>
        )}
        {error !== null && <ErrorAlert error={error} />}
        <Button type="primary" size="large" block disabled={!ready} loading={pending} style={{ minHeight: 48 }} onClick={sign}>
          Sign on
        </Button>
        <Button size="large" block disabled={pending} style={{ minHeight: 48 }} onClick={onBack}>
          Back to the crew
        </Button>
      </Flex>
    </section>
  );
}
